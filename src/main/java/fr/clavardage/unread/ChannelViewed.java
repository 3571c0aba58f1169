package fr.clavardage.unread;

import fr.clavardage.realtime.EventPayload;
import fr.clavardage.realtime.EventTypes;

/** The user has seen the channel up to {@code lastViewedSeq}: their other tabs and devices drop the star. */
@EventPayload(EventTypes.CHANNEL_VIEWED)
public record ChannelViewed(long channelId, long lastViewedSeq) {
}
