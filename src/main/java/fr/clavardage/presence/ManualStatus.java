package fr.clavardage.presence;

/** A status the user chose, which wins over what their activity says until they clear it. */
public enum ManualStatus {
    AWAY, DND, OFFLINE
}
