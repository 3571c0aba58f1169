package fr.clavardage.host;

import java.util.List;
import java.util.Optional;

/** Host SPI: the ERP's users. Read often, so a host with a slow directory should cache. */
public interface UserDirectory {

    /** Every user of the ERP, active or not, in no particular order. */
    List<HostUser> allUsers();

    Optional<HostUser> find(String userId);
}
