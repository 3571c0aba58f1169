package fr.clavardage.realtime;

/** Someone is typing in a channel (not logged, never replayed). */
@EventPayload(EventTypes.TYPING)
public record Typing(long channelId, String userId) {
}
