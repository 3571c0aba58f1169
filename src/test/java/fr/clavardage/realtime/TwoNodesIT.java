package fr.clavardage.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.clavardage.testing.Api;
import fr.clavardage.testing.EventStreamClient;
import fr.clavardage.testing.OnEachDatabase;
import fr.clavardage.testing.TestDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the module, each its own JVM and servlet container on loopback, sharing one
 * PostgreSQL database as a cluster does: what happens on node A reaches users connected to node B.
 */
@Tag("postgresql-only")
@OnEachDatabase
class TwoNodesIT {

    private static final Duration WAIT = Duration.ofSeconds(8);
    private static final Pattern READY = Pattern.compile("running:\\s+(http://\\S+/clavardage/)demo/");
    private static final List<Process> NODES = new ArrayList<>();
    private static URL nodeA;
    private static URL nodeB;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        String jdbc = TestDatabase.fresh("cluster");
        CompletableFuture<URL> a = start("a", jdbc);
        // The first node migrates the schema; the second starts on it (and would wait on Flyway's lock).
        nodeA = a.get(120, TimeUnit.SECONDS);
        nodeB = start("b", jdbc).get(120, TimeUnit.SECONDS);
    }

    private static CompletableFuture<URL> start(String name, String jdbc) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dclavardage.port=0", "-Dclavardage.demo.jdbc=" + jdbc,
                "-Dclavardage.war=" + Path.of("target/clavardage.war").toAbsolutePath(),
                "fr.clavardage.host.demo.DemoLauncher")
                .redirectErrorStream(true).start();
        NODES.add(process);
        CompletableFuture<URL> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    Matcher matcher = READY.matcher(line);
                    if (matcher.find()) {
                        ready.complete(new URL(matcher.group(1)));
                    }
                    if (line.contains("SEVERE") || line.contains("Failed startup")) {
                        System.err.println("[node " + name + "] " + line);
                    }
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new IllegalStateException("Node " + name + " exited before it was ready"));
        }, "node-" + name + "-output");
        reader.setDaemon(true);
        reader.start();
        return ready;
    }

    @AfterAll
    static void stopNodes() throws InterruptedException {
        for (Process node : NODES) {
            node.destroy();
        }
        for (Process node : NODES) {
            if (!node.waitFor(10, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
        }
    }

    @Test
    void aPostOnNodeAReachesAClientOnNodeB() {
        Api aliceOnA = Api.as(nodeA, "alice");
        long channel = aliceOnA.post("api/v1/channels", Map.of("displayName", "Grappe",
                "name", "grappe-" + UUID.randomUUID().toString().substring(0, 8), "type", "private")).json().get("id").asLong();
        aliceOnA.post("api/v1/channels/" + channel + "/members", Map.of("userId", "u-bruno"));
        try (EventStreamClient brunoOnB = EventStreamClient.open(nodeB, "bruno");
             EventStreamClient chloeOnB = EventStreamClient.open(nodeB, "chloe")) {
            long started = System.nanoTime();
            aliceOnA.post("api/v1/channels/" + channel + "/posts", Map.of("message", "De A vers B"));
            JsonNode event = brunoOnB.next(WAIT, e -> e.get("type").asText().equals(EventTypes.POST_CREATED)
                    && e.get("channelId").asLong() == channel);
            assertThat(event).as("post from node A delivered on node B").isNotNull();
            System.out.println("Cross-node delivery took " + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms");
            assertThat(event.get("data").get("message").asText()).isEqualTo("De A vers B");
            assertThat(chloeOnB.next(Duration.ofSeconds(2), e -> e.get("channelId").asLong() == channel)).isNull();

            aliceOnA.post("api/v1/channels/" + channel + "/typing", "");
            assertThat(brunoOnB.next(EventTypes.TYPING, WAIT)).as("typing crosses nodes").isNotNull();
        }
    }

    @Test
    void presenceCrossesNodes() {
        try (EventStreamClient camilleOnA = EventStreamClient.open(nodeA, "camille")) {
            EventStreamClient davidOnB = EventStreamClient.open(nodeB, "david");
            JsonNode online = camilleOnA.next(WAIT, e -> e.get("type").asText().equals(EventTypes.STATUS_CHANGED)
                    && e.get("data").get("userId").asText().equals("u-david"));
            assertThat(online).as("node A hears that david came online on node B").isNotNull();
            assertThat(statusOn(nodeA, "u-david")).isEqualTo("online");
            davidOnB.close();
        }
    }

    private static String statusOn(URL node, String userId) {
        for (JsonNode user : Api.as(node, "camille").get("api/v1/users").json()) {
            if (user.get("id").asText().equals(userId)) {
                return user.get("status").asText();
            }
        }
        throw new AssertionError(userId + " not listed");
    }
}
