package fr.clavardage.host.container;

import static fr.clavardage.host.container.HostDatabase.CAROL;
import static fr.clavardage.host.container.HostDatabase.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import fr.clavardage.realtime.EventTypes;
import fr.clavardage.testing.Api;
import fr.clavardage.testing.EventStreamClient;
import fr.clavardage.testing.OnEachDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The unchanged WAR in the Tomcat 10.1 distribution, set up exactly as docs/host-integration.md says
 * ({@link TomcatNode}): two Tomcat nodes on one PostgreSQL schema, each with a DataSource from
 * Tomcat's default DBCP pool, users authenticated by Tomcat (UserDatabase realm, BASIC). Proves live
 * events between two users, events from the other node through the PostgreSQL listener (whose
 * connection DBCP wraps), an undeploy and redeploy in the running Tomcat with nothing leaked and the
 * data still there, and a container stop with nothing leaked.
 */
@Tag("postgresql-only")
@OnEachDatabase
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TomcatHostIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration DEPLOYMENT = Duration.ofMinutes(2);
    private static TomcatNode nodeA;
    private static TomcatNode nodeB;
    private static long channel;

    @BeforeAll
    static void startTwoTomcatNodes() throws Exception {
        String jdbc = HostDatabase.withUsers("tomcat");
        Path war = Path.of("target/clavardage.war").toAbsolutePath();
        nodeA = TomcatNode.launch("tomcat-a", jdbc, war);
        // The second node starts once the first has migrated the schema (simultaneous first starts are not supported).
        nodeA.jvm().awaitOutput(0, Pattern.compile("Clavardage schema at version"), DEPLOYMENT);
        nodeB = TomcatNode.launch("tomcat-b", jdbc, war);
        nodeA.awaitReady();
        nodeB.awaitReady();
        channel = Api.basic(nodeA.url(), "alice", PASSWORD).newChannel("Tomcat", "public", CAROL);
    }

    @AfterAll
    static void stopTomcat() throws InterruptedException {
        for (TomcatNode node : new TomcatNode[] {nodeA, nodeB}) {
            if (node != null) {
                node.close();
            }
        }
    }

    @Test
    @Order(1)
    void oneUserPostsAndAnotherSeesItLive() throws Exception {
        TwoNodeChecks.hostUsersPostAndStreamOnOneNode(nodeA.url(), channel, "Bonjour depuis Tomcat", WAIT);
    }

    @Test
    @Order(2)
    void anotherNodesEventsArriveThroughThePostgresListener() throws Exception {
        TwoNodeChecks.eventsCrossNodes(nodeA.url(), nodeB.url(), channel, WAIT);
    }

    @Test
    @Order(3)
    void undeployLeavesNothingBehindAndRedeployKeepsTheData() throws Exception {
        // Streams closed before, one still open during the undeploy, ordinary requests on the same threads.
        for (int i = 0; i < 3; i++) {
            try (EventStreamClient stream = EventStreamClient.open(nodeB.url(), "carol", PASSWORD, null)) {
                Api.basic(nodeB.url(), "carol", PASSWORD).get("api/v1/channels");
            }
        }
        for (int i = 0; i < 20; i++) {
            Api.basic(nodeB.url(), "alice", PASSWORD).get("api/v1/me");
        }
        int from;
        try (EventStreamClient open = EventStreamClient.open(nodeB.url(), "alice", PASSWORD, null)) {
            from = nodeB.undeployAndRedeploy(DEPLOYMENT);
        }
        List<String> log = nodeB.jvm().output();
        assertThat(ContainerLog.trouble(log)).as("Tomcat's log on node B, from its start to the redeploy").isEmpty();
        assertThat(log.subList(from, log.size())).as("the restart says where the schema is")
                .anyMatch(line -> line.matches(".*Clavardage schema at version [0-9.]+ \\(0 migration\\(s\\) applied now\\).*"));

        Api carol = Api.basic(nodeB.url(), "carol", PASSWORD);
        assertThat(carol.get("api/v1/channels/" + channel + "/posts").json().get("posts").toString())
                .contains("Bonjour depuis Tomcat", "Écrit sur le nœud A");
        try (EventStreamClient carolOnB = EventStreamClient.open(nodeB.url(), "carol", PASSWORD, null)) {
            Api.basic(nodeA.url(), "alice", PASSWORD).newPost(channel, "Après le redéploiement");
            assertThat(carolOnB.next(EventTypes.POST_CREATED, WAIT)).as("live again after the redeploy").isNotNull();
        }
    }

    @Test
    @Order(4)
    void stoppingTomcatLeavesNothingBehind() throws Exception {
        nodeA.stop(DEPLOYMENT);
        List<String> log = nodeA.jvm().output();
        assertThat(log.stream().anyMatch(line -> line.contains("Stopping service [Catalina]")))
                .as("node A stopped its webapp (its log is in target/tomcat-bases)").isTrue();
        assertThat(ContainerLog.trouble(log)).as("Tomcat's log on node A, from its start to its stop").isEmpty();
    }
}
