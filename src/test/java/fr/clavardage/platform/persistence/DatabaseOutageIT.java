package fr.clavardage.platform.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import fr.clavardage.host.container.HostDatabase;
import fr.clavardage.host.container.StandaloneHostLauncher;
import fr.clavardage.testing.Api;
import fr.clavardage.testing.ChildJvm;
import fr.clavardage.testing.EventStreamClient;
import fr.clavardage.testing.FlakyLink;
import fr.clavardage.testing.OnEachDatabase;
import fr.clavardage.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL out of reach for a few seconds, as when it restarts or the network drops: the module
 * answers at once with 503 {@code database_unavailable} and {@code Retry-After}, writes nothing half,
 * and recovers by itself when the database is back (requests, and live events to an open stream).
 * The outage is a relay between the module's pool and PostgreSQL that the test cuts
 * ({@link FlakyLink}): the real server, shared with the other tests, keeps running.
 */
@Tag("postgresql-only")
@OnEachDatabase
class DatabaseOutageIT {

    private static final Pattern READY = Pattern.compile("ready at (http://\\S+/clavardage/)");
    /** The host pool's wait for a connection: what bounds the time to the 503. */
    private static final Duration POOL_TIMEOUT = Duration.ofSeconds(2);

    private static FlakyLink link;
    private static ChildJvm host;
    private static URL base;
    private static String jdbc;

    @BeforeAll
    static void startHostBehindALinkThatCanBeCut() throws Exception {
        jdbc = TestDatabase.fresh("outage");
        HostDatabase.create(jdbc, List.of(new HostDatabase.User("o-1", "olga", "Olga Panne", true),
                new HostDatabase.User("o-2", "oscar", "Oscar Panne", true)));
        URI database = URI.create(TestDatabase.pgUrl().substring("jdbc:".length()));
        link = FlakyLink.to(database.getPort() < 0 ? 5432 : database.getPort());
        String throughLink = jdbc.replace(database.getHost() + ":" + database.getPort(), "127.0.0.1:" + link.port());
        host = ChildJvm.start("outage-host", StandaloneHostLauncher.classpath(),
                List.of("-Dhost.jdbc=" + throughLink, "-Dhost.users=olga:panne,oscar:panne",
                        "-Dhost.pool.timeout-ms=" + POOL_TIMEOUT.toMillis(),
                        "-Dclavardage.war=" + Path.of("target/clavardage.war").toAbsolutePath()),
                StandaloneHostLauncher.class.getName(), READY);
        base = host.url();
    }

    @AfterAll
    static void stop() throws Exception {
        if (host != null) {
            host.close();
        }
        if (link != null) {
            link.close();
        }
    }

    @Test
    void anOutageIsAFast503ThatWritesNothingAndHealsByItself() throws Exception {
        Api olga = Api.basic(base, "olga", "panne");
        long channel = olga.newChannel("Panne", "private", "o-2");
        String posts = "api/v1/channels/" + channel + "/posts";
        Map<String, Object> post = Map.of("message", "Écrit pendant la panne", "clientKey", "outage-1");

        try (EventStreamClient oscar = EventStreamClient.open(base, "oscar", "panne", null)) {
            link.cut();
            try {
                long started = System.nanoTime();
                Api.Reply refused = olga.post(posts, post);
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
                assertThat(refused.json().get("error").asText()).isEqualTo("database_unavailable");
                assertThat(refused.header("Retry-After")).isEqualTo("5");
                assertThat(refused.body()).doesNotContain("Exception").doesNotContain("jdbc");
                assertThat(took).as("answered without hanging").isLessThan(POOL_TIMEOUT.plusSeconds(8));

                Api.Reply reading = olga.get("api/v1/channels");
                assertThat(reading.status()).as(reading.toString()).isEqualTo(503);
                Thread.sleep(3000);
            } finally {
                link.restore();
            }

            // Back on its own: the very same send now creates the post (so the refused one left nothing).
            Api.Reply accepted = retryUntilAnswered(() -> olga.post(posts, post), Duration.ofSeconds(30));
            assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
            long id = accepted.json().get("id").asLong();
            assertThat(storedWithKey("outage-1")).isEqualTo(1);

            // The open stream survived the outage, and live delivery resumed.
            JsonNode created = oscar.next(Duration.ofSeconds(20),
                    e -> "post.created".equals(e.get("type").asText()) && e.get("data").get("id").asLong() == id);
            assertThat(created).as("oscar's stream receives the post sent after the outage").isNotNull();
        }
    }

    private static Api.Reply retryUntilAnswered(java.util.function.Supplier<Api.Reply> request, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Api.Reply reply = request.get();
        while (reply.status() == 503 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            reply = request.get();
        }
        return reply;
    }

    private static long storedWithKey(String clientKey) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbc); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("select count(*) from clv_post where client_key = '" + clientKey + "'")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
