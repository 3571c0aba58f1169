package fr.clavardage.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import fr.clavardage.testing.OnEachDatabase;
import fr.clavardage.testing.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The short soak CI runs: the office mix at a moderate, steady load held for a while, with the
 * server's live heap (after a full GC), threads and open files (HTTP and database sockets included)
 * sampled throughout. A leak per request, per event or per stream shows as growth between the first
 * and the last sample; nothing may be lost either. The hour-long run is the same tool with longer
 * options (docs/reliability.md).
 */
@OnEachDatabase
class SoakIT {

    private static final String HOLD = System.getProperty("soak.hold", "75s");
    private static DemoNode node;

    @BeforeAll
    static void startNode() throws Exception {
        node = DemoNode.start("soak");
    }

    @AfterAll
    static void stopNode() throws InterruptedException {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void aSteadyLoadGrowsNoHeapThreadsOrConnections() throws Exception {
        LoadOptions options = LoadOptions.parse("--url", node.url(), "--users", "40", "--ramp", "10s",
                "--duration", HOLD, "--post-every", "3s", "--drain", "10s", "--timeout", "10s", "--history", "20",
                "--server-pid", Long.toString(node.jvm().pid()), "--soak-every", "15s", "--jdbc", node.jdbc(),
                "--out", "target/soak/" + (TestDatabase.isPostgres() ? "postgresql" : "h2"));
        Report report = assertTimeoutPreemptively(Duration.ofMinutes(15), () -> new LoadTool(options).run());

        System.out.println(report.markdown());
        assertThat(report.resources).as("resource samples").hasSizeGreaterThanOrEqualTo(3);
        assertThat(report.resources).allSatisfy(r -> {
            assertThat(r.heapBytes()).as("live heap known").isPositive();
            assertThat(r.threads()).as("threads known").isPositive();
            assertThat(r.openFiles()).as("open files known").isPositive();
        });
        assertThat(report.resourceGrowth()).as("resources that grew under a steady load").isEmpty();
        assertThat(report.posts).as("posts acknowledged").isGreaterThan(100);
        assertThat(report.lost).as("lost deliveries").isEmpty();
        assertThat(report.duplicatedPosts).as("posts delivered twice").isZero();
        assertThat(report.failures).as("failed requests").isEmpty();
        assertThat(report.streamsAtEnd).as("streams still open at the end").isEqualTo(40);
    }
}
