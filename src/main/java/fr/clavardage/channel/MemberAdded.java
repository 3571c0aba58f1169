package fr.clavardage.channel;

import fr.clavardage.realtime.EventPayload;
import fr.clavardage.realtime.EventTypes;

/**
 * Someone joined or was added. The channel comes along, so that the one added shows it in their list
 * without asking for the whole list again.
 */
@EventPayload(EventTypes.MEMBER_ADDED)
public record MemberAdded(long channelId, String userId, ChannelView channel) {
}
