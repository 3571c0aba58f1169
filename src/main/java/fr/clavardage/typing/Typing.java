package fr.clavardage.typing;

import fr.clavardage.realtime.EventPayload;
import fr.clavardage.realtime.EventTypes;

/** Someone is typing in a channel (not logged, never replayed). */
@EventPayload(EventTypes.TYPING)
public record Typing(long channelId, String userId) {
}
