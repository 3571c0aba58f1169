package fr.clavardage.message;

import fr.clavardage.realtime.EventPayload;
import fr.clavardage.realtime.EventTypes;

/** A post is gone for everyone: which one, nothing of what it said. */
@EventPayload(EventTypes.POST_DELETED)
public record PostDeleted(long id, long channelId, long seq) {
}
