package fr.clavardage.channel;

import fr.clavardage.platform.persistence.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.query.NativeQuery;

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

    /**
     * The channel's access facts for one user, in one round trip and without entities: a lookup of the
     * channel by id and one of the membership by key cost twice the round trips, and loading them as
     * entities (or with one HQL join, measured in docs/performance.md) cost the node more.
     */
    public Optional<SeatFacts> seatFacts(long channelId, String userId) {
        List<?> rows = em().createNativeQuery("""
                        select c.type, c.is_general, m.role, c.last_post_seq from clv_channel c
                        left join clv_membership m on m.channel_id = c.id and m.user_id = ?2
                        where c.id = ?1""")
                .unwrap(NativeQuery.class).addSynchronizedEntityClass(Channel.class).addSynchronizedEntityClass(Membership.class)
                .setParameter(1, channelId).setParameter(2, userId).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        return Optional.of(new SeatFacts(channelId, ChannelType.valueOf((String) row[0]) == ChannelType.PRIVATE,
                (Boolean) row[1], row[2] == null ? null : ChannelRole.valueOf((String) row[2]), ((Number) row[3]).longValue()));
    }

    /** Loads the channel with its row locked until commit: posts in one channel are numbered one at a time. */
    public Optional<Channel> findForPosting(long id) {
        return Optional.ofNullable(em().find(Channel.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    public Channel general() {
        return em().createQuery("select c from Channel c where c.general = true", Channel.class)
                .getSingleResult();
    }

    /**
     * Whether a channel the user can see already has this URL name: a public one, or a private one they
     * sit in. Channels they cannot see are never consulted, so the answer reveals nothing about them.
     */
    public boolean nameSeenBy(String name, String userId) {
        return !em().createQuery("""
                        select c.id from Channel c where c.name = :name and (c.type = :public
                          or exists (select m.userId from Membership m where m.channelId = c.id and m.userId = :user))""",
                        Long.class)
                .setParameter("name", name).setParameter("public", ChannelType.PUBLIC).setParameter("user", userId)
                .setMaxResults(1).getResultList().isEmpty();
    }

    /** Writes the channel now; false if a public channel committed the same URL name meanwhile (a lost race). */
    public boolean add(Channel channel) {
        return unlessPublicNameTaken(() -> {
            em().persist(channel);
            em().flush();
        });
    }

    /** Writes pending changes now; false if they give a channel a public URL name another one took meanwhile. */
    public boolean flushUnlessPublicNameTaken() {
        return unlessPublicNameTaken(() -> em().flush());
    }

    private static boolean unlessPublicNameTaken(Runnable write) {
        try {
            write.run();
            return true;
        } catch (PersistenceException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof ConstraintViolationException violation
                        && String.valueOf(violation.getConstraintName() + " " + violation.getMessage())
                        .toLowerCase(java.util.Locale.ROOT).contains("clv_channel_public_name_uk")) {
                    return false;
                }
            }
            throw e;
        }
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
        return membershipUpdate("""
                        update clv_membership set last_viewed_seq = ?1, mention_count = 0
                        where channel_id = ?2 and user_id = ?3
                          and (last_viewed_seq < ?1 or (last_viewed_seq = ?1 and mention_count > 0))""")
                .setParameter(1, seq).setParameter(2, channelId).setParameter(3, userId)
                .executeUpdate() > 0;
    }

    /** One more post addresses each of these members since they last looked (a single UPDATE). */
    public void addMention(long channelId, Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return;
        }
        membershipUpdate("""
                        update clv_membership set mention_count = mention_count + 1
                        where channel_id = ?1 and user_id in (?2)""")
                .setParameter(1, channelId).setParameter(2, userIds)
                .executeUpdate();
    }

    /**
     * The two hottest writes (every read, every post) in SQL: Hibernate translates an HQL UPDATE again
     * on each execution, which cost more CPU than the statement itself. Declared as touching only the
     * membership table, so it flushes what an HQL update of {@code Membership} would, no more.
     */
    private NativeQuery<?> membershipUpdate(String sql) {
        return em().createNativeQuery(sql).unwrap(NativeQuery.class).addSynchronizedEntityClass(Membership.class);
    }
}
