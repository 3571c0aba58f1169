package fr.clavardage.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import fr.clavardage.host.container.StandaloneHostLauncher;
import fr.clavardage.testing.ChildJvm;
import fr.clavardage.testing.OnEachDatabase;
import fr.clavardage.testing.TestDatabase;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Kills the server with SIGKILL at random moments while several clients post at a steady rate and
 * follow their event streams, restarts it on the same database, and checks what a crash must not
 * break: every acknowledged post is stored exactly once, a channel's sequence has no hole and no
 * double, the unread state and mention badges agree with the posts, and a stream resumed from its
 * last event id receives every acknowledged post exactly once.
 *
 * <p>On H2 the database is a file (the only H2 mode with something to survive a crash); on
 * PostgreSQL a fresh schema. The server is the packaged WAR in a plain Jetty host of its own JVM
 * ({@link StandaloneHostLauncher}). Kills: {@code -Dcrash.kills} (default 20); seed:
 * {@code -Dcrash.seed} (printed, to replay a run).
 */
@OnEachDatabase
class CrashRecoveryIT {

    private static final Pattern READY = Pattern.compile("ready at (http://\\S+/clavardage/)");
    private static final int KILLS = Integer.getInteger("crash.kills", 20);
    private static final Duration CATCH_UP = Duration.ofSeconds(60);

    private ChildJvm server;

    @AfterEach
    void stopServer() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void everyAcknowledgedPostSurvivesRepeatedKills() throws Exception {
        long seed = Long.getLong("crash.seed", System.nanoTime());
        Random random = new Random(seed);
        String jdbc = database();
        CrashCompany company = CrashCompany.create(jdbc);
        int port = freePort();
        List<String> properties = List.of("-Dhost.jdbc=" + jdbc, "-Dhost.port=" + port,
                "-Dhost.users=" + company.credentials(),
                "-Dclavardage.war=" + Path.of("target/clavardage.war").toAbsolutePath());

        server = start(properties);
        URL base = server.url();
        long channel = company.openChannel(base);
        List<CrashClient> clients = new ArrayList<>();
        for (CrashCompany.Member member : company.members()) {
            clients.add(new CrashClient(base, member, channel, company.nextOf(member)));
        }
        clients.forEach(CrashClient::startFollowing);
        for (CrashClient client : clients) {
            assertThat(client.awaitStreamOpen(Duration.ofSeconds(30))).as("%s's stream opened", client.login()).isTrue();
        }
        clients.forEach(CrashClient::startPosting);

        long began = System.nanoTime();
        for (int kill = 1; kill <= KILLS; kill++) {
            // Each life of the server does some work: a cold start under load can take longer than
            // a random delay, and killing a server that never answered proves nothing.
            awaitNewAcknowledgements(clients, Duration.ofMinutes(2));
            Thread.sleep(random.nextInt(2000));
            server.kill();
            long restart = System.nanoTime();
            server = start(properties);
            System.out.printf("[crash] kill %d: restarted in %d ms%n", kill, (System.nanoTime() - restart) / 1_000_000);
        }
        awaitNewAcknowledgements(clients, Duration.ofMinutes(2));
        clients.forEach(CrashClient::stopPosting);
        for (CrashClient client : clients) {
            assertThat(client.awaitLastAcknowledged(Duration.ofSeconds(30)))
                    .as("%s's last post was acknowledged after the final restart; refused: %s", client.login(),
                            client.refusals()).isTrue();
        }

        Map<String, Long> acknowledged = new TreeMap<>();
        clients.forEach(c -> acknowledged.putAll(c.acknowledged()));
        Set<Long> postIds = Set.copyOf(acknowledged.values());
        for (CrashClient client : clients) {
            client.awaitReceived(postIds, CATCH_UP);
        }
        clients.forEach(CrashClient::close);
        long seconds = Duration.ofNanos(System.nanoTime() - began).toSeconds();
        System.out.printf("[crash] %s: %d kills in %d s (seed %d), %d posts acknowledged, %d send retries,"
                        + " %d stream reconnections (%d after a silence)%n", TestDatabase.isPostgres() ? "postgresql" : "h2 file", KILLS,
                seconds, seed, acknowledged.size(), clients.stream().mapToInt(CrashClient::retries).sum(),
                clients.stream().mapToInt(CrashClient::reconnections).sum(),
                clients.stream().mapToInt(CrashClient::silentStreams).sum());

        assertThat(acknowledged).as("posts acknowledged across the run").hasSizeGreaterThan(KILLS);
        assertThat(postIds).as("one post per client key").hasSameSizeAs(acknowledged.keySet());
        checkStoredState(jdbc, channel, acknowledged);
        for (CrashClient client : clients) {
            assertThat(client.conflictingReplies()).as("%s: a retried key answered with another post", client.login())
                    .isEmpty();
            assertThat(client.resets()).as("%s's stream was reset instead of resumed (%s)", client.login(),
                    client.streamHistory()).isZero();
            assertThat(client.missing(postIds)).as("%s's stream missed acknowledged posts (keys %s; %s)", client.login(),
                    keysOf(client.missing(postIds), acknowledged), client.streamHistory()).isEmpty();
            assertThat(client.duplicates()).as("%s's stream received posts twice", client.login()).isEmpty();
        }
    }

    /** The client keys of {@code ids}: which sender, and which of its posts, a failure is about. */
    private static List<String> keysOf(Set<Long> ids, Map<String, Long> acknowledged) {
        return acknowledged.entrySet().stream().filter(e -> ids.contains(e.getValue())).map(Map.Entry::getKey).toList();
    }

    private static void awaitNewAcknowledgements(List<CrashClient> clients, Duration timeout) throws InterruptedException {
        int before = clients.stream().mapToInt(c -> c.acknowledged().size()).sum();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (clients.stream().mapToInt(c -> c.acknowledged().size()).sum() < before + clients.size()
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private ChildJvm start(List<String> properties) throws Exception {
        return ChildJvm.start("crash-host", StandaloneHostLauncher.classpath(), properties,
                StandaloneHostLauncher.class.getName(), READY);
    }

    /** What the database holds once the dust settles, read directly rather than through the API. */
    private static void checkStoredState(String jdbc, long channel, Map<String, Long> acknowledged) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbc); Statement s = c.createStatement()) {
            Map<String, Long> stored = new TreeMap<>();
            try (ResultSet rows = s.executeQuery("select client_key, id from clv_post where channel_id = " + channel)) {
                while (rows.next()) {
                    stored.put(rows.getString(1), rows.getLong(2));
                }
            }
            assertThat(stored).as("the channel holds exactly the acknowledged posts").isEqualTo(acknowledged);

            try (ResultSet rows = s.executeQuery("""
                    select count(*), count(distinct p.seq), min(p.seq), max(p.seq), max(c.last_post_seq)
                    from clv_post p join clv_channel c on c.id = p.channel_id where p.channel_id = """ + channel)) {
                rows.next();
                long count = rows.getLong(1);
                assertThat(rows.getLong(2)).as("distinct sequence numbers").isEqualTo(count);
                assertThat(rows.getLong(3)).as("first sequence number").isEqualTo(1);
                assertThat(rows.getLong(4)).as("newest sequence number: no hole").isEqualTo(count);
                assertThat(rows.getLong(5)).as("the channel's last_post_seq").isEqualTo(count);
            }

            // A member's badge counts the posts addressed to them since their read marker, no more, no less.
            try (ResultSet rows = s.executeQuery("""
                    select m.user_id, m.last_viewed_seq, m.mention_count,
                           (select count(*) from clv_post p join clv_post_recipient r on r.post_id = p.id
                            where p.channel_id = m.channel_id and r.user_id = m.user_id
                              and p.seq > m.last_viewed_seq) as addressed,
                           c.last_post_seq
                    from clv_membership m join clv_channel c on c.id = m.channel_id
                    where m.channel_id = """ + channel)) {
                int members = 0;
                while (rows.next()) {
                    members++;
                    String user = rows.getString(1);
                    assertThat(rows.getLong(2)).as("%s's read marker is not past the newest post", user)
                            .isLessThanOrEqualTo(rows.getLong(5));
                    assertThat(rows.getLong(3)).as("%s's mention count", user).isEqualTo(rows.getLong(4));
                }
                assertThat(members).isEqualTo(CrashCompany.SIZE);
            }
        }
    }

    private static String database() throws Exception {
        if (TestDatabase.isPostgres()) {
            return TestDatabase.fresh("crash");
        }
        Path folder = Files.createDirectories(Path.of("target", "crash-h2"));
        Path file = Files.createTempDirectory(folder, "db").resolve("clavardage").toAbsolutePath();
        // The file mode the demo host uses, shared with this test's own checks through H2's auto-server.
        // WRITE_DELAY=0: H2 otherwise keeps commits in memory for up to 500 ms, and a kill loses
        // posts it has already acknowledged (this test finds them: docs/reliability.md).
        return "jdbc:h2:file:" + file + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                + ";AUTO_SERVER=TRUE;WRITE_DELAY=0;LOCK_TIMEOUT=10000";
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
