package fr.clavardage.channel;

import fr.clavardage.realtime.EventPayload;
import fr.clavardage.realtime.EventTypes;
import java.time.Instant;

/**
 * A channel as the API shows it to one user. {@code unread} is the 🌟: posts exist beyond what this
 * user has seen. {@code role} and the counters are null for a public channel they have not joined.
 */
@EventPayload({EventTypes.CHANNEL_CREATED, EventTypes.CHANNEL_UPDATED})
public record ChannelView(long id, String name, String displayName, String color, String type, String purpose,
                          boolean general, String createdBy, Instant createdAt, Instant lastPostAt, long lastPostSeq,
                          boolean member, String role, Boolean unread, Integer mentionCount, Long lastViewedSeq) {

    static ChannelView of(Channel c, Membership m) {
        boolean member = m != null;
        return new ChannelView(c.id(), c.name(), c.displayName(), c.color(), c.type().json(), c.purpose(),
                c.isGeneral(), c.createdBy(), c.createdAt(), c.lastPostAt(), c.lastPostSeq(), member,
                member ? m.role().name().toLowerCase(java.util.Locale.ROOT) : null,
                member ? c.lastPostSeq() > m.lastViewedSeq() : null,
                member ? m.mentionCount() : null,
                member ? m.lastViewedSeq() : null);
    }

    static ChannelView of(Channel c, boolean member) {
        return new ChannelView(c.id(), c.name(), c.displayName(), c.color(), c.type().json(), c.purpose(),
                c.isGeneral(), c.createdBy(), c.createdAt(), c.lastPostAt(), c.lastPostSeq(), member,
                null, null, null, null);
    }
}
