package fr.clavardage.channel;

import fr.clavardage.platform.persistence.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The only place that queries channels and memberships. */
@ApplicationScoped
public class ChannelRepository {

    @Inject
    Transactions transactions;

    private EntityManager em() {
        return transactions.entityManager();
    }

    public Optional<Channel> find(long id) {
        return Optional.ofNullable(em().find(Channel.class, id));
    }

    /** Loads the channel with its row locked until commit: posts in one channel are numbered one at a time. */
    public Optional<Channel> findForPosting(long id) {
        return Optional.ofNullable(em().find(Channel.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    public Channel general() {
        return em().createQuery("select c from Channel c where c.general = true", Channel.class)
                .getSingleResult();
    }

    public boolean nameTaken(String name) {
        return !em().createQuery("select c.id from Channel c where c.name = :name", Long.class)
                .setParameter("name", name).setMaxResults(1).getResultList().isEmpty();
    }

    public void add(Channel channel) {
        em().persist(channel);
        em().flush();
    }

    public Optional<Membership> membership(long channelId, String userId) {
        return Optional.ofNullable(em().find(Membership.class, new Membership.Key(channelId, userId)));
    }

    public void add(Membership membership) {
        em().persist(membership);
    }

    public void remove(Membership membership) {
        em().remove(membership);
    }

    /** The user's channels with their seat in each, General first then by name. */
    public List<ChannelSeat> channelsOf(String userId) {
        return em().createQuery("""
                        select new fr.clavardage.channel.ChannelSeat(c, m) from Channel c
                        join Membership m on m.channelId = c.id
                        where m.userId = :user
                        order by c.general desc, lower(c.displayName), c.id""", ChannelSeat.class)
                .setParameter("user", userId).getResultList();
    }

    /** Public channels by URL name, one page after {@code afterName}. */
    public List<Channel> publicChannels(String afterName, int limit) {
        return em().createQuery("""
                        select c from Channel c where c.type = :type and c.name > :after
                        order by c.name""", Channel.class)
                .setParameter("type", ChannelType.PUBLIC).setParameter("after", afterName == null ? "" : afterName)
                .setMaxResults(limit).getResultList();
    }

    /** Every seat of these users, as (user id, channel id) pairs. */
    public List<Object[]> seatsOf(Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return List.of();
        }
        return em().createQuery("select m.userId, m.channelId from Membership m where m.userId in :users", Object[].class)
                .setParameter("users", userIds).getResultList();
    }

    public List<Long> memberChannelIds(String userId, Collection<Long> channelIds) {
        if (channelIds.isEmpty()) {
            return List.of();
        }
        return em().createQuery("""
                        select m.channelId from Membership m where m.userId = :user and m.channelId in :ids""", Long.class)
                .setParameter("user", userId).setParameter("ids", channelIds).getResultList();
    }

    public List<Membership> members(long channelId) {
        return em().createQuery("""
                        select m from Membership m where m.channelId = :channel order by m.joinedAt, m.userId""",
                        Membership.class)
                .setParameter("channel", channelId).getResultList();
    }

    public long memberCount(long channelId) {
        return em().createQuery("select count(m) from Membership m where m.channelId = :channel", Long.class)
                .setParameter("channel", channelId).getSingleResult();
    }

    public long adminCount(long channelId) {
        return em().createQuery(
                        "select count(m) from Membership m where m.channelId = :channel and m.role = :admin", Long.class)
                .setParameter("channel", channelId).setParameter("admin", ChannelRole.ADMIN).getSingleResult();
    }

    /** Which of {@code userIds} are members of the channel. */
    public List<String> membersAmong(long channelId, Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return List.of();
        }
        return em().createQuery("""
                        select m.userId from Membership m where m.channelId = :channel and m.userId in :users""",
                        String.class)
                .setParameter("channel", channelId).setParameter("users", userIds).getResultList();
    }

    /**
     * Moves the member's read marker forward to {@code seq} (never back) and clears their mentions: a
     * single UPDATE, so concurrent posts and reads never lose each other's counts. Answers whether
     * anything changed (a marker already there with no mention left is not written again).
     */
    public boolean markViewed(long channelId, String userId, long seq) {
        return em().createQuery("""
                        update Membership m set m.lastViewedSeq = :seq, m.mentionCount = 0
                        where m.channelId = :channel and m.userId = :user
                          and (m.lastViewedSeq < :seq or (m.lastViewedSeq = :seq and m.mentionCount > 0))""")
                .setParameter("seq", seq).setParameter("channel", channelId).setParameter("user", userId)
                .executeUpdate() > 0;
    }

    /** One more post addresses each of these members since they last looked (a single UPDATE). */
    public void addMention(long channelId, Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return;
        }
        em().createQuery("""
                        update Membership m set m.mentionCount = m.mentionCount + 1
                        where m.channelId = :channel and m.userId in :users""")
                .setParameter("channel", channelId).setParameter("users", userIds)
                .executeUpdate();
    }
}
