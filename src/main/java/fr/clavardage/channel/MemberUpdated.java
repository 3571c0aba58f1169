package fr.clavardage.channel;

import fr.clavardage.realtime.EventPayload;
import fr.clavardage.realtime.EventTypes;

/** A member was promoted to channel admin or made a plain member again: {@code role} is {@code admin} or {@code member}. */
@EventPayload(EventTypes.MEMBER_UPDATED)
public record MemberUpdated(long channelId, String userId, String role) {
}
