package fr.clavardage.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.clavardage.testing.Api;
import fr.clavardage.testing.ChildJvm;
import fr.clavardage.testing.EventStreamClient;
import fr.clavardage.testing.OnEachDatabase;
import fr.clavardage.testing.TestDatabase;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
    private static final List<ChildJvm> NODES = new ArrayList<>();
    private static URL nodeA;
    private static URL nodeB;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        String jdbc = TestDatabase.fresh("cluster");
        // One after the other: the first migrates the schema, the second finds it up to date.
        nodeA = start("node-a", jdbc);
        nodeB = start("node-b", jdbc);
    }

    private static URL start(String name, String jdbc) throws Exception {
        ChildJvm node = ChildJvm.start(name, System.getProperty("java.class.path"),
                List.of("-Dclavardage.port=0", "-Dclavardage.demo.jdbc=" + jdbc,
                        "-Dclavardage.war=" + Path.of("target/clavardage.war").toAbsolutePath()),
                "fr.clavardage.host.demo.DemoLauncher", READY);
        NODES.add(node);
        return node.url();
    }

    @AfterAll
    static void stopNodes() throws InterruptedException {
        for (ChildJvm node : NODES) {
            node.close();
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

    /**
     * A post written on one node, edited on the other, deleted on the first: a stream resumed from
     * before, on the second, gets no word of its text, and the ids the two nodes gave their events
     * (commit times) still come in order.
     */
    @Test
    void aPostDeletedAcrossNodesLeavesNoTextToResume() {
        Api aliceOnA = Api.as(nodeA, "alice");
        Api aliceOnB = Api.as(nodeB, "alice");
        long channel = aliceOnA.newChannel("Grappe", "private", "u-bruno");
        String from;
        try (EventStreamClient brunoOnB = EventStreamClient.open(nodeB, "bruno")) {
            from = brunoOnB.lastId();
        }
        String gone = "effacé-" + UUID.randomUUID();
        long post = aliceOnA.newPost(channel, "Premier jet " + gone);
        assertThat(aliceOnB.patch("api/v1/posts/" + post, Map.of("message", "Seconde version " + gone)).status()).isEqualTo(200);
        assertThat(aliceOnA.delete("api/v1/posts/" + post).status()).isEqualTo(204);
        try (EventStreamClient brunoOnB = EventStreamClient.open(nodeB, "bruno", from)) {
            List<JsonNode> replayed = new ArrayList<>();
            replayed.add(brunoOnB.first());
            replayed.addAll(brunoOnB.drain(Duration.ofSeconds(2)));
            List<JsonNode> ofPost = replayed.stream().filter(e -> e.get("channelId").asLong() == channel
                    && e.get("type").asText().startsWith("post.")).toList();
            assertThat(ofPost).extracting(e -> e.get("type").asText())
                    .containsExactly(EventTypes.POST_CREATED, EventTypes.POST_EDITED, EventTypes.POST_DELETED);
            assertThat(ofPost.toString()).doesNotContain(gone);
            assertThat(ofPost).extracting(e -> e.get("id").asLong()).isSorted();
        }
    }

    /** channel.viewed is not logged: the read's own NOTIFY carries it to the reader's tab on the other node. */
    @Test
    void aReadOnNodeAClearsTheStarInATabOnNodeB() {
        long channel = Api.as(nodeA, "alice").newChannel("Lu ailleurs", "private", "u-emilie");
        Api.as(nodeA, "alice").newPost(channel, "Quelque chose à lire");
        try (EventStreamClient emilieOnB = EventStreamClient.open(nodeB, "emilie")) {
            assertThat(Api.as(nodeA, "emilie").post("api/v1/channels/" + channel + "/read", "").status()).isEqualTo(204);
            JsonNode viewed = emilieOnB.next(WAIT, e -> e.get("type").asText().equals(EventTypes.CHANNEL_VIEWED)
                    && e.get("channelId").asLong() == channel);
            assertThat(viewed).as("channel.viewed from node A on node B").isNotNull();
        }
    }

    /**
     * Unlogged events waiting together are broadcast together (one NOTIFY statement for many): reads of
     * thirty channels at once each reach the reader's tab on the other node, none merged with another.
     */
    @Test
    void manyReadsAtOnceEachReachTheReaderOnTheOtherNode() throws Exception {
        Api alice = Api.as(nodeA, "alice");
        Set<Long> channels = new TreeSet<>();
        for (int i = 0; i < 30; i++) {
            long channel = alice.newChannel("Lot " + i, "private", "u-francois");
            alice.newPost(channel, "À lire " + i);
            channels.add(channel);
        }
        try (EventStreamClient francoisOnB = EventStreamClient.open(nodeB, "francois")) {
            Api francoisOnA = Api.as(nodeA, "francois");
            ExecutorService pool = Executors.newFixedThreadPool(10);
            try {
                List<Future<Integer>> reads = new ArrayList<>();
                for (long channel : channels) {
                    reads.add(pool.submit(() -> francoisOnA.post("api/v1/channels/" + channel + "/read", "").status()));
                }
                for (var read : reads) {
                    assertThat(read.get()).isEqualTo(204);
                }
            } finally {
                pool.shutdown();
            }
            Set<Long> viewed = new TreeSet<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (viewed.size() < channels.size() && System.nanoTime() < deadline) {
                JsonNode event = francoisOnB.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())),
                        e -> e.get("type").asText().equals(EventTypes.CHANNEL_VIEWED));
                if (event != null) {
                    viewed.add(event.get("channelId").asLong());
                }
            }
            assertThat(viewed).as("channel.viewed on node B for every channel read on node A").isEqualTo(channels);
        }
    }

    @Test
    void presenceCrossesNodes() {
        try (EventStreamClient camilleOnA = EventStreamClient.open(nodeA, "camille")) {
            EventStreamClient davidOnB = EventStreamClient.open(nodeB, "david");
            JsonNode online = camilleOnA.next(WAIT, e -> "online".equals(EventStreamClient.statusChange(e, "u-david")));
            assertThat(online).as("node A hears that david came online on node B").isNotNull();
            // Node A's users column reads the cluster's announcements at its presence tick (5 s).
            assertThat(eventually(() -> statusOn(nodeA, "u-david"), "online")).isEqualTo("online");
            davidOnB.close();
        }
    }

    private static String eventually(java.util.function.Supplier<String> probe, String wanted) {
        long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
        String seen = probe.get();
        while (!wanted.equals(seen) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return seen;
            }
            seen = probe.get();
        }
        return seen;
    }

    private static String statusOn(URL node, String userId) {
        for (JsonNode user : Api.as(node, "camille").get("api/v1/users?ids=" + userId).json().get("users")) {
            if (user.get("id").asText().equals(userId)) {
                return user.get("status").asText();
            }
        }
        throw new AssertionError(userId + " not listed");
    }
}
