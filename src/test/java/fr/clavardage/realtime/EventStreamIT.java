package fr.clavardage.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.clavardage.testing.Api;
import fr.clavardage.testing.EventStreamClient;
import fr.clavardage.testing.ModuleDeployment;
import fr.clavardage.testing.OnEachDatabase;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The event stream with real SSE clients: delivery, authorization at delivery, and resume. */
@OnEachDatabase
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EventStreamIT {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration QUIET = Duration.ofMillis(1500);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ModuleDeployment.shared();
    }

    @ArquillianResource
    URL base;

    private long channel(String owner, String type, String... members) {
        return Api.as(base, owner).newChannel("Temps réel", type, members);
    }

    private long post(String login, long channel, String text) {
        return Api.as(base, login).newPost(channel, text);
    }

    private static boolean postIn(JsonNode event, long channel) {
        return event.get("type").asText().startsWith("post.") && event.get("channelId").asLong() == channel;
    }

    @Test
    void aPostReachesTheOtherMemberAfterCommit() {
        long channel = channel("alice", "private", "u-bruno");
        try (EventStreamClient bruno = EventStreamClient.open(base, "bruno")) {
            assertThat(bruno.first().get("type").asText()).isEqualTo(EventTypes.HELLO);
            long id = post("alice", channel, "Bonjour Bruno");
            JsonNode event = bruno.next(WAIT, e -> postIn(e, channel));
            assertThat(event).as("post.created reaches bruno").isNotNull();
            assertThat(event.get("type").asText()).isEqualTo(EventTypes.POST_CREATED);
            assertThat(event.get("data").get("id").asLong()).isEqualTo(id);
            assertThat(event.get("data").get("message").asText()).isEqualTo("Bonjour Bruno");

            Api.as(base, "alice").patch("api/v1/posts/" + id, Map.of("message", "Bonjour !"));
            assertThat(bruno.next(EventTypes.POST_EDITED, WAIT).get("data").get("edited").asBoolean()).isTrue();
            Api.as(base, "alice").delete("api/v1/posts/" + id);
            assertThat(bruno.next(EventTypes.POST_DELETED, WAIT).get("data").get("id").asLong()).isEqualTo(id);
        }
    }

    @Test
    void nonMembersGetNothingOfAPrivateChannel() {
        long channel = channel("alice", "private", "u-bruno");
        try (EventStreamClient chloe = EventStreamClient.open(base, "chloe")) {
            post("alice", channel, "Secret");
            Api.as(base, "alice").patch("api/v1/channels/" + channel, Map.of("displayName", "Encore secret"));
            assertThat(chloe.next(QUIET, e -> e.get("channelId").asLong() == channel)).isNull();
        }
    }

    @Test
    void aRemovedMemberStopsReceivingAtOnce() {
        long channel = channel("alice", "private", "u-david");
        try (EventStreamClient david = EventStreamClient.open(base, "david")) {
            post("alice", channel, "Avant");
            assertThat(david.next(WAIT, e -> postIn(e, channel))).isNotNull();
            Api.as(base, "alice").delete("api/v1/channels/" + channel + "/members/u-david");
            JsonNode removed = david.next(EventTypes.MEMBER_REMOVED, WAIT);
            assertThat(removed).isNotNull();
            assertThat(removed.get("data").get("userId").asText()).isEqualTo("u-david");
            post("alice", channel, "Après");
            assertThat(david.next(QUIET, e -> postIn(e, channel))).isNull();
        }
    }

    @Test
    void resumingDeliversExactlyTheMissedEvents() {
        long channel = channel("alice", "public", "u-emilie");
        String last;
        try (EventStreamClient emilie = EventStreamClient.open(base, "emilie")) {
            post("alice", channel, "vu");
            assertThat(emilie.next(WAIT, e -> postIn(e, channel))).isNotNull();
            last = emilie.lastId();
        }
        post("alice", channel, "manqué 1");
        post("alice", channel, "manqué 2");
        post("alice", channel, "manqué 3");
        try (EventStreamClient emilie = EventStreamClient.open(base, "emilie", last)) {
            // Other events (a presence change) may come in between: only this channel's posts count.
            List<String> texts = new java.util.ArrayList<>();
            java.util.stream.Stream.concat(java.util.stream.Stream.of(emilie.first()), emilie.drain(QUIET).stream())
                    .filter(e -> postIn(e, channel))
                    .forEach(e -> texts.add(e.get("data").get("message").asText()));
            assertThat(texts).containsExactly("manqué 1", "manqué 2", "manqué 3");
            post("alice", channel, "en direct");
            assertThat(emilie.next(WAIT, e -> postIn(e, channel)).get("data").get("message").asText()).isEqualTo("en direct");
        }
    }

    @Test
    void readingInOneTabClearsTheStarInTheOthers() {
        long channel = channel("alice", "public", "u-francois");
        post("alice", channel, "Nouveau");
        try (EventStreamClient otherTab = EventStreamClient.open(base, "francois")) {
            Api.as(base, "francois").post("api/v1/channels/" + channel + "/read", "");
            JsonNode viewed = otherTab.next(EventTypes.CHANNEL_VIEWED, WAIT);
            assertThat(viewed).isNotNull();
            assertThat(viewed.get("channelId").asLong()).isEqualTo(channel);
        }
        try (EventStreamClient alice = EventStreamClient.open(base, "alice")) {
            Api.as(base, "francois").post("api/v1/channels/" + channel + "/read", "");
            assertThat(alice.next(QUIET, e -> e.get("type").asText().equals(EventTypes.CHANNEL_VIEWED))).isNull();
        }
    }

    @Test
    void refusedWritesPublishNothing() {
        long channel = channel("alice", "public", "u-bruno");
        try (EventStreamClient bruno = EventStreamClient.open(base, "bruno")) {
            Api.as(base, "alice").post("api/v1/channels/" + channel + "/posts", Map.of("message", " "));
            Api.as(base, "alice").post("api/v1/channels/" + channel + "/posts",
                    Map.of("message", "x", "recipients", List.of("u-ghost")));
            assertThat(bruno.next(QUIET, e -> postIn(e, channel))).isNull();
        }
    }

    @Test
    void typingReachesMembersOnlyAndIsThrottled() {
        long channel = channel("alice", "private", "u-bruno");
        try (EventStreamClient bruno = EventStreamClient.open(base, "bruno");
             EventStreamClient chloe = EventStreamClient.open(base, "chloe")) {
            assertThat(Api.as(base, "alice").post("api/v1/channels/" + channel + "/typing", "").status()).isEqualTo(204);
            Api.as(base, "alice").post("api/v1/channels/" + channel + "/typing", "");
            JsonNode typing = bruno.next(EventTypes.TYPING, WAIT);
            assertThat(typing.get("data").get("userId").asText()).isEqualTo("u-alice");
            assertThat(bruno.next(EventTypes.TYPING, QUIET)).as("throttled").isNull();
            assertThat(chloe.next(EventTypes.TYPING, QUIET)).isNull();
            assertThat(Api.as(base, "chloe").post("api/v1/channels/" + channel + "/typing", "").status()).isEqualTo(404);
        }
    }

    @Test
    void aClientTooFarBehindIsToldToReload() {
        // Event ids start at 1; 0 is older than anything kept only once the log was purged, so ask
        // with a position the log never had instead: negative.
        try (EventStreamClient stale = EventStreamClient.open(base, "chloe", "-5")) {
            assertThat(stale.first().get("type").asText()).isEqualTo(EventTypes.RESET);
        }
    }

    /**
     * A position past the newest event is one this log never had (a restored database): the client is
     * told to reload, as docs/realtime.md says, also past the range of a long. A position spelled in
     * other digits than ASCII ones is no position: the stream starts as for a new client.
     */
    @Test
    void aPositionBeyondTheNewestEventIsToldToReload() {
        String newest;
        try (EventStreamClient fresh = EventStreamClient.open(base, "chloe")) {
            assertThat(fresh.first().get("type").asText()).isEqualTo(EventTypes.HELLO);
            newest = fresh.lastId();
        }
        String beyond = Long.toString(Long.parseLong(newest) + 1_000_000);
        for (String position : new String[] {beyond, "99999999999999999999999"}) {
            try (EventStreamClient ahead = EventStreamClient.open(base, "chloe", position)) {
                assertThat(ahead.first().get("type").asText()).as(position).isEqualTo(EventTypes.RESET);
            }
        }
        for (String notAPosition : new String[] {"+1", "1e3", "x", "1.0"}) {
            try (EventStreamClient fresh = EventStreamClient.open(base, "chloe", notAPosition)) {
                assertThat(fresh.first().get("type").asText()).as(notAPosition).isEqualTo(EventTypes.HELLO);
            }
        }
    }

    /**
     * A stream must not outlive the sign-in that opened it: signing out ends the streams opened in
     * that session (and only those), and the browser's reconnection is refused.
     */
    @Test
    void signingOutEndsTheStreamsOfThatSession() throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        String cookie = signIn(http, "francois", null);
        long channel = channel("alice", "private", "u-francois");

        try (EventStreamClient inSession = EventStreamClient.openInSession(base, cookie);
                EventStreamClient elsewhere = EventStreamClient.open(base, "francois")) {
            http.send(HttpRequest.newBuilder(URI.create(base + "demo/logout")).header("Cookie", cookie)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());

            assertThat(inSession.awaitEnd(WAIT)).as("the signed-out session's stream ends").isTrue();
            post("alice", channel, "Toujours là ?");
            assertThat(elsewhere.next(WAIT, e -> postIn(e, channel))).as("another sign-in's stream goes on").isNotNull();
            HttpResponse<String> again = http.send(HttpRequest.newBuilder(URI.create(base + "api/v1/stream"))
                    .header("Accept", "text/event-stream").header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(again.statusCode()).as("reconnecting with the ended session").isEqualTo(401);
        }
    }

    /**
     * The host gives the session a new id (the demo host does at every sign-in, against session
     * fixation): a stream opened before follows its session, so signing out afterwards still ends it.
     */
    @Test
    void aStreamFollowsItsSessionWhenTheHostGivesItANewId() throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        String first = signIn(http, "francois", null);
        try (EventStreamClient inSession = EventStreamClient.openInSession(base, first)) {
            inSession.first();
            String renewed = signIn(http, "francois", first);
            assertThat(renewed).as("a new session id").isNotEqualTo(first);
            assertThat(inSession.awaitEnd(Duration.ofSeconds(1))).as("signing in again keeps the stream").isFalse();

            http.send(HttpRequest.newBuilder(URI.create(base + "demo/logout")).header("Cookie", renewed)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            assertThat(inSession.awaitEnd(WAIT)).as("signing out under the new id ends the stream").isTrue();
        }
    }

    /** Signs in through the demo host's form (in {@code cookie}'s session if given) and answers the session cookie. */
    private String signIn(HttpClient http, String login, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "demo/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("login=" + login));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return answer.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID=")).map(c -> c.split(";", 2)[0]).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie: " + answer.headers().map()));
    }
}
