package fr.clavardage.presence;

import static org.assertj.core.api.Assertions.assertThat;

import fr.clavardage.platform.persistence.Transactions;
import fr.clavardage.testing.OnEachDatabase;
import fr.clavardage.testing.PlainBeans;
import fr.clavardage.testing.TestDatabase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** This node's presence rows written in batches (more than one statement's worth), on each database. */
@OnEachDatabase
class PresenceRepositoryIT {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static Transactions transactions;
    private static PresenceRepository presence;

    @BeforeAll
    static void start() throws Exception {
        String url = TestDatabase.fresh("presence_rows");
        javax.sql.DataSource dataSource;
        if (TestDatabase.isPostgres()) {
            var pg = new org.postgresql.ds.PGSimpleDataSource();
            pg.setURL(url);
            dataSource = pg;
        } else {
            var h2 = new org.h2.jdbcx.JdbcDataSource();
            h2.setURL(url);
            dataSource = h2;
        }
        transactions = PlainBeans.transactions(dataSource);
        presence = PlainBeans.inject(new PresenceRepository(), "transactions", transactions);
    }

    private static List<PresenceRepository.Row> rows(String prefix, int count, int connections) {
        return IntStream.range(0, count).mapToObj(i -> new PresenceRepository.Row(prefix + i, connections,
                NOW.minusSeconds(i), NOW.plusSeconds(45))).toList();
    }

    private static List<String> ids(List<PresenceRepository.Row> rows) {
        return rows.stream().map(PresenceRepository.Row::userId).toList();
    }

    @Test
    void aBatchLargerThanOneStatementIsWrittenAndRewrittenWithoutDuplicates() throws Exception {
        List<PresenceRepository.Row> first = rows("batch-", 450, 1);
        transactions.call(() -> {
            presence.write("node-a", first);
            return null;
        });
        Map<String, PresenceRepository.Presence> live = transactions.call(() -> presence.live(NOW, ids(first)));
        assertThat(live).hasSize(450);
        assertThat(live.get("batch-0")).isEqualTo(new PresenceRepository.Presence(1, NOW));
        assertThat(live.get("batch-449")).isEqualTo(new PresenceRepository.Presence(1, NOW.minusSeconds(449)));

        // Rewritten with other counts: each user's row is replaced, not added to.
        List<PresenceRepository.Row> second = rows("batch-", 450, 3);
        transactions.call(() -> {
            presence.write("node-a", second);
            return null;
        });
        live = transactions.call(() -> presence.live(NOW, ids(second)));
        assertThat(live).hasSize(450);
        assertThat(live.values()).allMatch(p -> p.connections() == 3);
    }

    @Test
    void aNodeRewritesOnlyItsOwnRows() throws Exception {
        List<PresenceRepository.Row> rows = rows("shared-", 3, 2);
        transactions.call(() -> {
            presence.write("node-a", rows);
            presence.write("node-b", rows);
            return null;
        });
        List<PresenceRepository.Row> oneEach = rows("shared-", 3, 1);
        transactions.call(() -> {
            presence.write("node-a", oneEach);
            presence.write("node-a", List.of());
            return null;
        });
        Map<String, PresenceRepository.Presence> live = transactions.call(() -> presence.live(NOW, ids(rows)));
        assertThat(live.values()).as("node b's 2 plus node a's 1 each").allMatch(p -> p.connections() == 3);
    }

    @Test
    void expiredRowsDoNotCount() throws Exception {
        transactions.call(() -> {
            presence.write("node-a", List.of(new PresenceRepository.Row("gone", 1, NOW.minusSeconds(60), NOW.minusSeconds(1))));
            return null;
        });
        assertThat(transactions.call(() -> presence.live(NOW, List.of("gone")))).isEmpty();
    }

    @Test
    void anAnnouncementMadeFromAStaleReadingChangesNothing() throws Exception {
        assertThat(transactions.call(() -> presence.announce("chooser", Status.OFFLINE, Status.ONLINE))).isTrue();
        // The user chose "do not disturb" meanwhile; an evaluation that still believes them offline loses.
        assertThat(transactions.call(() -> presence.announce("chooser", Status.ONLINE, Status.DND))).isTrue();
        assertThat(transactions.call(() -> presence.announce("chooser", Status.OFFLINE, Status.ONLINE))).isFalse();
        assertThat(transactions.call(() -> presence.announced(List.of("chooser")))).isEqualTo(Map.of("chooser", Status.DND));
    }
}
