package fr.clavardage.host.container;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.clavardage.realtime.EventTypes;
import fr.clavardage.testing.Api;
import fr.clavardage.testing.EventStreamClient;
import java.net.URL;
import java.time.Duration;

/** What every container test checks of its nodes (two sharing one database), whatever the container. */
final class TwoNodeChecks {

    private TwoNodeChecks() {
    }

    /**
     * On one node: the host's users are who they are (Alice signed in by the host, an anonymous caller
     * refused, Bob without the chat right refused with {@code permission_required}), and Alice's post
     * reaches Carol's stream on the same node with its text.
     */
    static void hostUsersPostAndStreamOnOneNode(URL node, long channel, String text, Duration wait) {
        Api alice = Api.basic(node, "alice", HostDatabase.PASSWORD);
        assertThat(alice.get("api/v1/me").json().get("user").get("id").asText()).isEqualTo(HostDatabase.ALICE);
        assertThat(Api.anonymous(node).get("api/v1/me").status()).isEqualTo(401);
        assertThat(Api.basic(node, "bob", HostDatabase.PASSWORD).get("api/v1/me").json().get("error").asText())
                .isEqualTo("permission_required");
        try (EventStreamClient carol = EventStreamClient.open(node, "carol", HostDatabase.PASSWORD, null)) {
            alice.newPost(channel, text);
            JsonNode created = carol.next(EventTypes.POST_CREATED, wait);
            assertThat(created).as("carol's stream on the same node").isNotNull();
            assertThat(created.toString()).contains(text);
        }
    }

    /** Alice on node A types and posts in {@code channel}; Carol, streaming from node B, receives both. */
    static void eventsCrossNodes(URL nodeA, URL nodeB, long channel, Duration wait) {
        Api aliceOnA = Api.basic(nodeA, "alice", HostDatabase.PASSWORD);
        try (EventStreamClient carolOnB = EventStreamClient.open(nodeB, "carol", HostDatabase.PASSWORD, null)) {
            // Typing is never logged: it reaches node B only in a NOTIFY payload, read by B's listener.
            assertThat(aliceOnA.post("api/v1/channels/" + channel + "/typing", "").status()).isLessThan(300);
            assertThat(carolOnB.next(EventTypes.TYPING, wait)).as("typing from node A, through NOTIFY").isNotNull();
            aliceOnA.newPost(channel, "Écrit sur le nœud A");
            assertThat(carolOnB.next(EventTypes.POST_CREATED, wait)).as("a post from node A").isNotNull();
        }
    }
}
