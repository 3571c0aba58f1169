package fr.clavardage.access;

/** Who an event is for: a channel's members, one user, or every chat user. */
public enum Audience {
    CHANNEL, USER, ALL
}
