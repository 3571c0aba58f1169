package fr.clavardage.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import fr.clavardage.testing.ChildJvm;
import fr.clavardage.testing.OnEachDatabase;
import fr.clavardage.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
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

    private static final Pattern READY = Pattern.compile("running:\\s+(http://\\S+/clavardage/)demo/");
    private static ChildJvm node;
    private static String jdbc;

    @BeforeAll
    static void startNode() throws Exception {
        if (TestDatabase.isPostgres()) {
            jdbc = TestDatabase.fresh("load");
        } else {
            // A file database the tool can open beside the node (AUTO_SERVER), unlike a memory one.
            Path folder = Files.createTempDirectory(Path.of("target"), "load-smoke-h2");
            jdbc = "jdbc:h2:file:" + folder.toAbsolutePath().resolve("erp")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE";
        }
        node = ChildJvm.start("load-node", System.getProperty("java.class.path"),
                List.of("-Dclavardage.port=0", "-Dclavardage.demo.jdbc=" + jdbc,
                        "-Dclavardage.war=" + Path.of("target/clavardage.war").toAbsolutePath()),
                "fr.clavardage.host.demo.DemoLauncher", READY);
    }

    @AfterAll
    static void stopNode() throws InterruptedException {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void thirtyOfficeUsersLoseAndRepeatNothing() throws Exception {
        LoadOptions options = LoadOptions.parse("--url", node.url().toString(), "--users", "30", "--ramp", "5s",
                "--duration", "15s", "--post-every", "4s", "--drain", "10s", "--timeout", "10s", "--history", "20",
                "--jdbc", jdbc, "--out", "target/load-smoke/" + (TestDatabase.isPostgres() ? "postgresql" : "h2"));
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
    }
}
