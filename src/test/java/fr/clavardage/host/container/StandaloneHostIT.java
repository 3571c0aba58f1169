package fr.clavardage.host.container;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.clavardage.platform.persistence.Database;
import fr.clavardage.testing.Api;
import fr.clavardage.testing.ChildJvm;
import fr.clavardage.testing.EventStreamClient;
import fr.clavardage.testing.OnEachDatabase;
import fr.clavardage.testing.TestDatabase;
import java.net.URL;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The packaged WAR, unchanged, in a plain servlet container that is not the demo: JNDI DataSource on
 * PostgreSQL, users authenticated by the container, users and rights read from the host's own table.
 * The database starts at an older schema version holding data, so the start is also an upgrade.
 */
@Tag("postgresql-only")
@OnEachDatabase
class StandaloneHostIT {

    private static final Pattern READY = Pattern.compile("ready at (http://\\S+/clavardage/)");
    private static ChildJvm host;
    private static URL base;
    private static String jdbc;

    @BeforeAll
    static void startHostOnAnOlderSchema() throws Exception {
        jdbc = TestDatabase.fresh("standalone");
        HostDatabase.create(jdbc, List.of(new HostDatabase.User("e-1", "alice", "Alice Hôte", true),
                new HostDatabase.User("e-2", "bob", "Bob Comptable", false)));
        // The previous release: schema version 3, with a message in General.
        Flyway.configure().dataSource(jdbc, null, null).locations(Database.MIGRATIONS).table(Database.HISTORY_TABLE)
                .baselineOnMigrate(true).baselineVersion("0").target("3").load().migrate();
        try (Connection c = DriverManager.getConnection(jdbc); Statement s = c.createStatement()) {
            s.execute("""
                    insert into clv_post (channel_id, seq, author_id, message, created_at)
                    select id, 1, 'e-1', 'Écrit avant la mise à jour', current_timestamp from clv_channel where is_general""");
            s.execute("update clv_channel set last_post_seq = 1 where is_general");
        }

        host = ChildJvm.start("standalone-host", StandaloneHostLauncher.classpath(),
                List.of("-Dhost.jdbc=" + jdbc, "-Dhost.users=alice:s3cret,bob:s3cret",
                        "-Dclavardage.war=" + Path.of("target/clavardage.war").toAbsolutePath()),
                StandaloneHostLauncher.class.getName(), READY);
        base = host.url();
    }

    @AfterAll
    static void stopHost() throws InterruptedException {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void theModuleUpgradedItsTablesAndKeptTheirData() throws Exception {
        Api alice = Api.basic(base, "alice", "s3cret");
        JsonNode general = alice.get("api/v1/channels").json().get(0);
        JsonNode posts = alice.get("api/v1/channels/" + general.get("id").asLong() + "/posts").json().get("posts");
        assertThat(posts).extracting(p -> p.get("message").asText()).contains("Écrit avant la mise à jour");
        try (Connection c = DriverManager.getConnection(jdbc); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("select max(version) from clv_schema_history where success")) {
            rows.next();
            assertThat(Integer.parseInt(rows.getString(1))).isGreaterThan(3);
        }
    }

    @Test
    void aUserAuthenticatedByTheHostPostsAndReads() {
        Api alice = Api.basic(base, "alice", "s3cret");
        Api.Reply me = alice.get("api/v1/me");
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.json().get("user").get("id").asText()).isEqualTo("e-1");
        assertThat(me.json().get("user").get("fullName").asText()).isEqualTo("Alice Hôte");

        long channel = alice.post("api/v1/channels", Map.of("displayName", "Hôte réel", "color", "#27AE60"))
                .json().get("id").asLong();
        try (EventStreamClient stream = EventStreamClient.open(base, "alice", "s3cret", null)) {
            assertThat(alice.post("api/v1/channels/" + channel + "/posts", Map.of("message", "Bonjour de l'hôte")).status())
                    .isEqualTo(201);
            // Live too, with the module isolated in its own class loader and the host's pool and driver.
            assertThat(stream.next("post.created", java.time.Duration.ofSeconds(8))).isNotNull();
        }
        assertThat(alice.get("api/v1/channels/" + channel + "/posts").json().get("posts").get(0).get("message").asText())
                .isEqualTo("Bonjour de l'hôte");
    }

    @Test
    void theHostDecidesWhoGetsIn() {
        assertThat(Api.basic(base, "alice", "wrong").get("api/v1/channels").status()).isEqualTo(401);
        assertThat(Api.anonymous(base).get("api/v1/channels").status()).isEqualTo(401);
        Api.Reply bob = Api.basic(base, "bob", "s3cret").get("api/v1/channels");
        assertThat(bob.status()).isEqualTo(403);
        assertThat(bob.json().get("error").asText()).isEqualTo("permission_required");
        // Not the demo: its login picker does not exist here.
        assertThat(Api.basic(base, "alice", "s3cret").get("demo/login").status()).isEqualTo(404);
    }
}
