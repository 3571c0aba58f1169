package fr.clavardage.presence;

import java.util.Collection;
import java.util.Map;

/**
 * Where the statuses users chose by hand are kept (their profile). Presence reads them through this
 * interface, implemented by the profile feature, so that presence does not depend on profiles.
 */
public interface ChosenStatuses {

    /** The chosen status of these users; those without one are left out. */
    Map<String, ManualStatus> of(Collection<String> userIds);
}
