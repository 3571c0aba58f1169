package fr.clavardage.unread;

import fr.clavardage.channel.ChannelService;
import fr.clavardage.platform.persistence.InTransaction;
import fr.clavardage.platform.security.Actor;
import fr.clavardage.realtime.EventTypes;
import fr.clavardage.realtime.Events;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The 🌟: a channel is unread for a member while its last post is beyond what they have seen
 * ({@code last_post_seq > last_viewed_seq}, kept on the channel and the membership, so listing stars
 * costs O(channels)). This feature moves the marker when a member reads, and tells their other tabs.
 */
@ApplicationScoped
public class UnreadService {

    @Inject
    ChannelService channels;
    @Inject
    Events events;

    /** The actor has seen everything in the channel up to now: its star goes, for them only. */
    @InTransaction
    public void markRead(Actor actor, long channelId) {
        long lastPostSeq = channels.forMember(actor, channelId).lastPostSeq();
        // The user's other tabs and devices drop the star too; when nothing moved, they have nothing to drop.
        // Live only, not logged: reads are the most frequent write of all, and a page that reconnects
        // reads its stars again (docs/realtime.md, "channel.viewed").
        if (channels.markViewed(channelId, actor.userId(), lastPostSeq)) {
            events.liveToUser(EventTypes.CHANNEL_VIEWED, actor.userId(), channelId,
                    new ChannelViewed(channelId, lastPostSeq));
        }
    }
}
