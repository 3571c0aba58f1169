package fr.clavardage.realtime;

/** The documented names of realtime events (docs/realtime.md). */
public final class EventTypes {

    public static final String POST_CREATED = "post.created";
    public static final String POST_EDITED = "post.edited";
    public static final String POST_DELETED = "post.deleted";
    public static final String CHANNEL_CREATED = "channel.created";
    public static final String CHANNEL_UPDATED = "channel.updated";
    public static final String MEMBER_ADDED = "member.added";
    public static final String MEMBER_REMOVED = "member.removed";
    public static final String MEMBER_UPDATED = "member.updated";
    public static final String CHANNEL_VIEWED = "channel.viewed";
    public static final String STATUS_CHANGED = "status.changed";
    public static final String PROFILE_CHANGED = "profile.changed";
    public static final String TYPING = "typing";
    /** Sent by the stream itself: the position to resume from (on a new connection first, after a replay last). */
    public static final String HELLO = "stream.hello";
    /** Sent by the stream itself: the client is too far behind to catch up and must reload. */
    public static final String RESET = "stream.reset";

    private EventTypes() {
    }
}
