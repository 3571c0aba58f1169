package fr.clavardage.host.container;

import static org.assertj.core.api.Assertions.assertThat;

import fr.clavardage.realtime.EventTypes;
import fr.clavardage.testing.Api;
import fr.clavardage.testing.EventStreamClient;
import java.net.URL;
import java.time.Duration;

/** What every container test checks of two nodes sharing one database, whatever the container. */
final class TwoNodeChecks {

    private TwoNodeChecks() {
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
