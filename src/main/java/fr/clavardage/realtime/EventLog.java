package fr.clavardage.realtime;

import fr.clavardage.access.Audience;

import fr.clavardage.platform.persistence.SqlValues;
import fr.clavardage.platform.persistence.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The only place that reads and writes {@code clv_event}. */
@ApplicationScoped
public class EventLog {

    @Inject
    Transactions transactions;

    private EntityManager em() {
        return transactions.entityManager();
    }

    /**
     * Appends an event with the id: the time of {@code now} in microseconds since the epoch, or the
     * newest id + 1 if that is not above it (two events in one microsecond, a node whose clock is
     * behind). So ids keep growing in commit order (the caller holds the event-order lock), and the gap
     * between two ids tells how much time passed, never how many events others received meanwhile. One
     * statement: it runs inside the serialized commit tail, where every round trip counts.
     * {@code postId} names the post a {@code post.*} event is about (null for other events).
     */
    public void append(String type, Audience audience, Long channelId, String userId, Long postId, String payload,
                       Instant now) {
        long micros = Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000L), now.getNano() / 1_000L);
        em().createNativeQuery("""
                        insert into clv_event (id, type, audience, channel_id, user_id, post_id, payload, created_at)
                        values (greatest(?8, (select coalesce(max(id), 0) + 1 from clv_event)), ?1, ?2, ?3, ?4, ?5, ?6, ?7)""")
                .setParameter(1, type).setParameter(2, audience.name()).setParameter(3, channelId)
                .setParameter(4, userId).setParameter(5, postId).setParameter(6, payload).setParameter(7, now)
                .setParameter(8, micros)
                .executeUpdate();
    }

    /**
     * Replaces the payload of the post's {@code post.created} and {@code post.edited} events logged so
     * far with {@code tombstone}: the text its author edited or deleted does not stay in the log.
     */
    public int redactPost(long postId, String tombstone) {
        return em().createNativeQuery("""
                        update clv_event set payload = ?1
                        where post_id = ?2 and type in ('post.created', 'post.edited')""")
                .setParameter(1, tombstone).setParameter(2, postId).executeUpdate();
    }

    /** Events with an id above {@code afterId}, oldest first. */
    public List<ChatEvent> after(long afterId, int limit) {
        return between(afterId, Long.MAX_VALUE, limit);
    }

    /** Events with an id above {@code afterId} and at most {@code upToId}, oldest first. */
    @SuppressWarnings("unchecked")
    public List<ChatEvent> between(long afterId, long upToId, int limit) {
        List<Object[]> rows = em().createNativeQuery("""
                        select id, type, audience, channel_id, user_id, payload, created_at
                        from clv_event where id > ?1 and id <= ?2 order by id""")
                .setParameter(1, afterId).setParameter(2, upToId).setMaxResults(limit).getResultList();
        List<ChatEvent> events = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            events.add(new ChatEvent(((Number) row[0]).longValue(), (String) row[1], Audience.valueOf((String) row[2]),
                    row[3] == null ? null : ((Number) row[3]).longValue(), (String) row[4], (String) row[5],
                    SqlValues.instant(row[6])));
        }
        return events;
    }

    /** The newest id, or 0 when the log is empty. */
    public long newestId() {
        Number max = (Number) em().createNativeQuery("select max(id) from clv_event").getSingleResult();
        return max == null ? 0 : max.longValue();
    }

    /** The oldest id still kept, or 0 when the log is empty. */
    public long oldestId() {
        Number min = (Number) em().createNativeQuery("select min(id) from clv_event").getSingleResult();
        return min == null ? 0 : min.longValue();
    }

    /** Forgets events older than {@code cutoff}, always keeping the newest so positions stay known. */
    public int purgeBefore(Instant cutoff) {
        return em().createNativeQuery("""
                        delete from clv_event where created_at < ?1 and id < (select max(id) from clv_event)""")
                .setParameter(1, cutoff).executeUpdate();
    }

    /**
     * Serializes the tail of event-writing transactions across nodes, and wakes the other nodes when
     * this transaction commits (PostgreSQL only: NOTIFY is transactional). One round trip for both. The
     * lock must be taken by a statement of its own, before the append: a statement sees what committed
     * before it started, and the append must see the event of the previous holder of the lock.
     */
    public void lockEventOrderAndNotifyOnCommit(long key, String channel, String payload) {
        em().createNativeQuery("select pg_advisory_xact_lock(?1), pg_notify(?2, ?3)")
                .setParameter(1, key).setParameter(2, channel).setParameter(3, payload).getSingleResult();
    }
}
