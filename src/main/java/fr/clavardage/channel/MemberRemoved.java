package fr.clavardage.channel;

import fr.clavardage.realtime.EventPayload;
import fr.clavardage.realtime.EventTypes;

/** Someone left or was removed. */
@EventPayload(EventTypes.MEMBER_REMOVED)
public record MemberRemoved(long channelId, String userId) {
}
