package fr.clavardage.presence;

import java.util.Locale;

/** What the right column shows next to a user, in the order it sorts them. */
public enum Status {
    ONLINE, AWAY, DND, OFFLINE;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
