package fr.clavardage.realtime;

/** Who may receive an event; checked when it is delivered, not when it was written. */
public enum Audience {
    /** The members of the event's channel at the moment of delivery. */
    CHANNEL,
    /** One user (their own read markers, their removal from a channel). */
    USER,
    /** Every signed-in user (status and profile changes). */
    ALL
}
