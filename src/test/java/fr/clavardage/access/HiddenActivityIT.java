package fr.clavardage.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.clavardage.realtime.EventTypes;
import fr.clavardage.testing.Api;
import fr.clavardage.testing.EventStreamClient;
import fr.clavardage.testing.ModuleDeployment;
import fr.clavardage.testing.OnEachDatabase;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Ids and positions reveal no activity the caller cannot see. With global counters, the gap between
 * two of one's own posts (or channels, or stream events) counted what happened meanwhile in private
 * channels. Channel and post ids are now random, and event ids the time of their commit.
 */
@OnEachDatabase
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HiddenActivityIT {

    private static final long SAFE_BOUND = 1L << 53;
    private static final int COUNT = 12;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ModuleDeployment.shared();
    }

    @ArquillianResource
    URL base;

    @Test
    void channelAndPostIdsAreNotCounted() {
        Api alice = Api.as(base, "alice");
        Api bruno = Api.as(base, "bruno");
        long hidden = bruno.newChannel("Caché", "private");
        List<Long> channels = new ArrayList<>();
        List<Long> posts = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            channels.add(alice.newChannel("Compteur " + i, "public"));
            posts.add(alice.newPost(channels.get(0), "Message " + i));
            bruno.newPost(hidden, "Activité cachée " + i);
        }
        for (List<Long> ids : List.of(channels, posts)) {
            assertThat(ids).allMatch(id -> id > 0 && id < SAFE_BOUND, "a positive safe integer");
            // Counted ids would come in order, one or two apart. Twelve random ones in order: 1 in 479 million.
            assertThat(ids).as("in creation order").isNotEqualTo(ids.stream().sorted().toList());
            for (int i = 1; i < ids.size(); i++) {
                assertThat(Math.abs(ids.get(i) - ids.get(i - 1))).as("apart from the one before: " + ids).isGreaterThan(1_000_000L);
            }
        }
        // What stays counted is per channel: alice's history numbers her own channel's posts, 1 to 12.
        JsonNode page = alice.get("api/v1/channels/" + channels.get(0) + "/posts?limit=200").json().get("posts");
        assertThat(page).extracting(p -> p.get("seq").asLong()).containsExactly(12L, 11L, 10L, 9L, 8L, 7L, 6L, 5L, 4L, 3L, 2L, 1L);
        assertThat(alice.get("api/v1/channels/" + channels.get(0)).json().get("lastPostSeq").asLong()).isEqualTo(COUNT);
    }

    @Test
    void streamPositionsAreTimesNotCounts() {
        Api alice = Api.as(base, "alice");
        Api bruno = Api.as(base, "bruno");
        long mine = alice.newChannel("Positions", "public");
        long hidden = bruno.newChannel("Caché", "private");
        try (EventStreamClient stream = EventStreamClient.open(base, "alice")) {
            long before = nowMicros();
            long first = alice.newPost(mine, "Avant");
            for (int i = 0; i < 30; i++) {
                bruno.newPost(hidden, "Activité cachée " + i);
            }
            long second = alice.newPost(mine, "Après");
            long after = nowMicros();
            JsonNode a = stream.next(Duration.ofSeconds(10), e -> isPost(e, first));
            JsonNode b = stream.next(Duration.ofSeconds(10), e -> isPost(e, second));
            assertThat(a).isNotNull();
            assertThat(b).isNotNull();
            long idA = a.get("id").asLong();
            long idB = b.get("id").asLong();
            // The machine's clock is the server's: ids are the microseconds of their commit (a little slack
            // for a clock that steps), so their gap tells the time that passed, not the 30 hidden events.
            assertThat(idA).isBetween(before - 1_000_000, after + 1_000_000);
            assertThat(idB).isBetween(idA + 1, after + 1_000_000).isLessThan(SAFE_BOUND);
            assertThat(String.valueOf(stream.lastId())).isEqualTo(String.valueOf(idB));
        }
        // A made-up position beyond the newest replays nothing: the stream answers with its own marker.
        try (EventStreamClient forged = EventStreamClient.open(base, "alice", String.valueOf(nowMicros() + 3_600_000_000L))) {
            assertThat(forged.first().get("type").asText()).isIn(EventTypes.RESET, EventTypes.HELLO);
        }
    }

    private static boolean isPost(JsonNode event, long postId) {
        return event.get("type").asText().equals(EventTypes.POST_CREATED) && event.get("data").get("id").asLong() == postId;
    }

    private static long nowMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000L;
    }
}
