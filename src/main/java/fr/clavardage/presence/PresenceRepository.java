package fr.clavardage.presence;

import fr.clavardage.platform.persistence.SqlValues;
import fr.clavardage.platform.persistence.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The only place that reads and writes {@code clv_presence} and {@code clv_presence_announced}. */
@ApplicationScoped
public class PresenceRepository {

    /** Above this many ids, reading everything is cheaper than a long IN list. */
    private static final int IN_LIST_MAX = 500;
    /** Rows per statement when writing: 5 parameters each, far below the drivers' limits. */
    private static final int WRITE_CHUNK = 200;

    @Inject
    Transactions transactions;

    private EntityManager em() {
        return transactions.entityManager();
    }

    /** This node's presence row for a user: open streams here, last activity, when it stops counting. */
    public record Row(String userId, int connections, Instant lastActive, Instant expiresAt) {
    }

    /**
     * Replaces this node's rows for these users: per chunk, one delete and one multi-row insert (the
     * same SQL on H2 and PostgreSQL), not two statements a user. Only the node's presence thread calls
     * it, so two writes of one row never race.
     */
    public void write(String nodeId, List<Row> rows) {
        for (int from = 0; from < rows.size(); from += WRITE_CHUNK) {
            List<Row> chunk = rows.subList(from, Math.min(rows.size(), from + WRITE_CHUNK));
            em().createNativeQuery("delete from clv_presence where node_id = ?1 and user_id in (?2)")
                    .setParameter(1, nodeId).setParameter(2, chunk.stream().map(Row::userId).toList()).executeUpdate();
            StringBuilder sql = new StringBuilder(
                    "insert into clv_presence (user_id, node_id, connections, last_active, expires_at) values ");
            for (int i = 0; i < chunk.size(); i++) {
                int p = i * 5;
                sql.append(i == 0 ? "" : ", ").append("(?").append(p + 1).append(", ?").append(p + 2).append(", ?")
                        .append(p + 3).append(", ?").append(p + 4).append(", ?").append(p + 5).append(')');
            }
            var insert = em().createNativeQuery(sql.toString());
            for (int i = 0; i < chunk.size(); i++) {
                Row row = chunk.get(i);
                int p = i * 5;
                insert.setParameter(p + 1, row.userId()).setParameter(p + 2, nodeId).setParameter(p + 3, row.connections())
                        .setParameter(p + 4, row.lastActive()).setParameter(p + 5, row.expiresAt());
            }
            insert.executeUpdate();
        }
    }

    /** Users with a live row on any node. */
    @SuppressWarnings("unchecked")
    public List<String> liveUsers(Instant now) {
        return em().createNativeQuery("select distinct user_id from clv_presence where expires_at > ?1")
                .setParameter(1, now).getResultList();
    }

    /** These users' live presence across nodes (most recent activity, connection count); absent ones have none. */
    @SuppressWarnings("unchecked")
    public Map<String, Presence> live(Instant now, Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return Map.of();
        }
        boolean few = userIds.size() <= IN_LIST_MAX;
        var query = em().createNativeQuery("""
                        select user_id, sum(connections), max(last_active) from clv_presence
                        where expires_at > ?1""" + (few ? " and user_id in (?2)" : "") + " group by user_id")
                .setParameter(1, now);
        if (few) {
            query.setParameter(2, userIds);
        }
        List<Object[]> rows = query.getResultList();
        Map<String, Presence> live = new HashMap<>();
        for (Object[] row : rows) {
            live.put((String) row[0], new Presence(((Number) row[1]).intValue(), SqlValues.instant(row[2])));
        }
        return live;
    }

    public int deleteExpired(Instant now) {
        return em().createNativeQuery("delete from clv_presence where expires_at <= ?1")
                .setParameter(1, now).executeUpdate();
    }

    @SuppressWarnings("unchecked")
    public Map<String, Status> announced() {
        return toStatuses(em().createNativeQuery("select user_id, status from clv_presence_announced").getResultList());
    }

    /** The announced status of these users (those never announced are left out). */
    @SuppressWarnings("unchecked")
    public Map<String, Status> announced(Collection<String> userIds) {
        if (userIds.size() > IN_LIST_MAX) {
            return announced();
        }
        return userIds.isEmpty() ? Map.of() : toStatuses(em()
                .createNativeQuery("select user_id, status from clv_presence_announced where user_id in (?1)")
                .setParameter(1, userIds).getResultList());
    }

    private static Map<String, Status> toStatuses(List<Object[]> rows) {
        Map<String, Status> announced = new HashMap<>();
        for (Object[] row : rows) {
            announced.put((String) row[0], Status.valueOf((String) row[1]));
        }
        return announced;
    }

    /**
     * Records {@code status} as announced if the announced one is still {@code expected} (a user never
     * announced counts as offline); true if it was, so that exactly one evaluation announces a change.
     */
    public boolean announce(String userId, Status expected, Status status) {
        // Two nodes may meet a new user at once: the row is created without racing, then changed.
        em().createNativeQuery("""
                        insert into clv_presence_announced (user_id, status) values (?1, 'OFFLINE') on conflict do nothing""")
                .setParameter(1, userId).executeUpdate();
        return em().createNativeQuery("""
                        update clv_presence_announced set status = ?1 where user_id = ?2 and status = ?3""")
                .setParameter(1, status.name()).setParameter(2, userId).setParameter(3, expected.name())
                .executeUpdate() > 0;
    }

    /** A user's live presence across nodes. */
    public record Presence(int connections, Instant lastActive) {
    }
}
