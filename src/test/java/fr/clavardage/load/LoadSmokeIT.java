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
 * A short run of the load tool against a demo node in its own JVM: thirty users of the office mix,
 * posting every few seconds for about twenty seconds. It checks correctness only (nothing lost,
 * nothing duplicated, no failed request, every stream connected, no freeze), never timings, which
 * depend on the machine.
 */
@OnEachDatabase
class LoadSmokeIT {

    private static DemoNode node;

    @BeforeAll
    static void startNode() throws Exception {
        node = DemoNode.start("load");
    }

    @AfterAll
    static void stopNode() throws InterruptedException {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void thirtyOfficeUsersLoseAndRepeatNothing() throws Exception {
        LoadOptions options = LoadOptions.parse("--url", node.url(), "--users", "30", "--ramp", "5s",
                "--duration", "15s", "--post-every", "4s", "--drain", "10s", "--timeout", "10s", "--history", "20",
                "--jdbc", node.jdbc(), "--out", "target/load-smoke/" + (TestDatabase.isPostgres() ? "postgresql" : "h2"),
                // Five other users warm the node up first; none of their requests may show in the report.
                "--warmup", "4s", "--warmup-users", "5");
        // A freeze shows as the run not ending: it has a fixed length plus the drain.
        Report report = assertTimeoutPreemptively(Duration.ofMinutes(3), () -> new LoadTool(options).run());

        System.out.println(report.markdown());
        assertThat(report.posts).as("posts acknowledged").isGreaterThan(30);
        assertThat(report.lost).as("lost deliveries").isEmpty();
        assertThat(report.duplicatedEvents).as("events repeated or out of order").isZero();
        assertThat(report.duplicatedPosts).as("posts delivered twice").isZero();
        assertThat(report.failures).as("failed requests").isEmpty();
        assertThat(report.streamsAtEnd).as("streams still open at the end").isEqualTo(30);
        assertThat(report.streamDrops).as("streams the server dropped").isZero();

        // The node timed the very requests the tool made (stream openings included), each once.
        long timedByNode = report.nodeRoutes.stream()
                .filter(r -> r.route().contains("api/v1/"))
                .mapToLong(NodeTimings.Row::started).sum();
        assertThat(timedByNode).as("requests timed by the node").isEqualTo(report.requests);
        assertThat(report.nodeRoutes).as("stream openings timed by the node")
                .anySatisfy(r -> {
                    assertThat(r.route()).isEqualTo("GET api/v1/stream");
                    assertThat(r.started()).isGreaterThanOrEqualTo(30);
                });
    }
}
