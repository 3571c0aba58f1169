package fr.clavardage.unread;

import fr.clavardage.channel.Channel;
import fr.clavardage.channel.ChannelService;
import fr.clavardage.platform.persistence.InTransaction;
import fr.clavardage.platform.security.Actor;
import fr.clavardage.realtime.EventTypes;
import fr.clavardage.realtime.Events;
import java.util.Map;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

@ApplicationScoped
public class UnreadService {

    @Inject
    ChannelService channels;
    @Inject
    ReadMarkers markers;
    @Inject
    Events events;

    /** The actor has seen everything in the channel up to now: its star goes, for them only. */
    @InTransaction
    public void markRead(Actor actor, long channelId) {
        Channel channel = channels.forMember(actor, channelId);
        markers.markViewed(channelId, actor.userId(), channel.lastPostSeq());
        // The user's other tabs and devices drop the star too.
        events.toUser(EventTypes.CHANNEL_VIEWED, actor.userId(), channelId,
                new ChannelViewed(channelId, channel.lastPostSeq()));
    }
}
