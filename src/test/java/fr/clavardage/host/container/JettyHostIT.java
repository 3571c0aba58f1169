package fr.clavardage.host.container;

import static fr.clavardage.host.container.HostDatabase.CAROL;
import static fr.clavardage.host.container.HostDatabase.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import fr.clavardage.platform.persistence.Database;
import fr.clavardage.realtime.EventTypes;
import fr.clavardage.testing.Api;
import fr.clavardage.testing.ChildJvm;
import fr.clavardage.testing.EventStreamClient;
import fr.clavardage.testing.OnEachDatabase;
import fr.clavardage.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The unchanged WAR in Jetty 12 as the distribution runs it ({@link JettyHostLauncher}): the context
 * file of docs/host-integration.md, with the CDI API on the server classpath (ee10-plus), a HikariCP
 * DataSource from {@code lib/ext}, and users authenticated by Jetty (HashLoginService, BASIC). Two
 * webapps on one PostgreSQL schema act as two nodes. Proves live events between two users, events from
 * the other node through the PostgreSQL listener, an undeploy and redeploy with no thread left behind
 * and the data still there, and a stop with no thread left behind.
 */
@Tag("postgresql-only")
@OnEachDatabase
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JettyHostIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration DEPLOYMENT = Duration.ofMinutes(2);
    private static final Pattern READY = Pattern.compile("Jetty host ready at (http://\\S+/)");
    private static ChildJvm jetty;
    private static URL nodeA;
    private static URL nodeB;
    private static long channel;

    @BeforeAll
    static void startJettyWithTwoNodes() throws Exception {
        String jdbc = HostDatabase.withUsers("jetty");
        // Both webapps start side by side, so the schema is brought up to date first (concurrent first starts are not supported).
        Flyway.configure().dataSource(jdbc, null, null).locations(Database.MIGRATIONS).table(Database.HISTORY_TABLE)
                .baselineOnMigrate(true).baselineVersion("0").load().migrate();
        Path work = Files.createDirectories(Path.of("target", "jetty-host")).toAbsolutePath();
        Path datasource = copy("erp-datasource.xml", work);
        Path context = copy("clavardage.xml", work);
        Path realm = copy("erp-realm.properties", work);
        jetty = ChildJvm.start("jetty-host", serverClasspath(), List.of("-Xmx512m",
                        "-Dhost.work=" + work, "-Dhost.datasource=" + datasource, "-Dhost.context=" + context, "-Dhost.contexts=/clavardage,/clavardage-b",
                        "-Djetty.webapps=" + Path.of("target").toAbsolutePath(),
                        "-Derp.db.url=" + jdbc.replaceAll("[?&]user=[^&]*", ""), "-Derp.db.user=" + TestDatabase.pgUser(),
                        "-Derp.realm=" + realm),
                JettyHostLauncher.class.getName(), List.of(), READY);
        nodeA = new URL(jetty.url(), "clavardage/");
        nodeB = new URL(jetty.url(), "clavardage-b/");
        channel = Api.basic(nodeA, "alice", PASSWORD).newChannel("Jetty", "public", CAROL);
    }

    /**
     * What a Jetty 12 distribution has on its classpath with the modules the guide names: Jetty itself,
     * the servlet API, what ee10-annotations and ee10-plus add (annotation, transaction, interceptor,
     * inject and CDI APIs), and in lib/ext the pool and the JDBC driver; plus this launcher.
     */
    static String serverClasspath() {
        return ServerClasspath.of(path -> path.contains("/org/eclipse/jetty/") && !path.contains("jetty-ee10-cdi")
                || path.contains("/org/ow2/asm/") || path.contains("jakarta.servlet-api")
                || path.contains("jakarta.annotation-api") || path.contains("jakarta.transaction-api")
                || path.contains("jakarta.interceptor-api") || path.contains("jakarta.inject-api")
                || path.contains("jakarta.enterprise.cdi-api") || path.contains("jakarta.enterprise.lang-model")
                || path.contains("/org/slf4j/") || path.contains("HikariCP") || path.contains("/org/postgresql/")
                || path.endsWith("test-classes"));
    }

    private static Path copy(String resource, Path directory) throws IOException {
        try (InputStream in = JettyHostIT.class.getResourceAsStream("jetty/" + resource)) {
            Path target = directory.resolve(resource);
            Files.write(target, in.readAllBytes());
            return target;
        }
    }

    @AfterAll
    static void stopJetty() throws Exception {
        if (jetty != null) {
            jetty.close();
            // Kept for whoever reads a failure: Jetty's whole console output.
            Files.write(Path.of("target", "jetty-host", "console.log"), jetty.output());
        }
    }

    @Test
    @Order(1)
    void oneUserPostsAndAnotherSeesItLive() {
        TwoNodeChecks.hostUsersPostAndStreamOnOneNode(nodeA, channel, "Bonjour depuis Jetty", WAIT);
    }

    @Test
    @Order(2)
    void anotherNodesEventsArriveThroughThePostgresListener() {
        TwoNodeChecks.eventsCrossNodes(nodeA, nodeB, channel, WAIT);
    }

    @Test
    @Order(3)
    void undeployLeavesNothingBehindAndRedeployKeepsTheData() throws Exception {
        int from;
        try (EventStreamClient open = EventStreamClient.open(nodeB, "alice", PASSWORD, null)) {
            from = jetty.output().size();
            jetty.send("redeploy /clavardage-b");
            jetty.awaitOutput(from, Pattern.compile("Redeployed /clavardage-b"), DEPLOYMENT);
        }
        List<String> log = jetty.output();
        assertThat(log.subList(from, log.size())).as("the redeploy").anyMatch(line -> line.contains("Undeployed /clavardage-b"));
        assertThat(ContainerLog.trouble(log)).as("Jetty's log, from its start to the redeploy").isEmpty();

        Api carol = Api.basic(nodeB, "carol", PASSWORD);
        assertThat(carol.get("api/v1/channels/" + channel + "/posts").json().get("posts").toString())
                .contains("Bonjour depuis Jetty", "Écrit sur le nœud A");
        try (EventStreamClient carolOnB = EventStreamClient.open(nodeB, "carol", PASSWORD, null)) {
            Api.basic(nodeA, "alice", PASSWORD).newPost(channel, "Après le redéploiement");
            assertThat(carolOnB.next(EventTypes.POST_CREATED, WAIT)).as("live again after the redeploy").isNotNull();
        }
    }

    @Test
    @Order(4)
    void stoppingJettyLeavesNothingBehind() throws Exception {
        int from = jetty.output().size();
        jetty.send("stop");
        jetty.awaitOutput(from, Pattern.compile("Jetty host stopped"), DEPLOYMENT);
        assertThat(ContainerLog.trouble(jetty.output())).as("Jetty's log, from its start to its stop").isEmpty();
    }
}
