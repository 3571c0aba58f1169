package fr.clavardage.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.clavardage.testing.Api;
import fr.clavardage.testing.ModuleDeployment;
import fr.clavardage.testing.OnEachDatabase;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Posting, paging, editing, deleting, recipients and read markers over real HTTP. */
@OnEachDatabase
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PostApiIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ModuleDeployment.shared();
    }

    @ArquillianResource
    URL base;

    private Api as(String login) {
        return Api.as(base, login);
    }

    private long newChannel(Api owner, String type, String... members) {
        Api.Reply reply = owner.post("api/v1/channels", Map.of("displayName", "Canal",
                "name", "c-" + UUID.randomUUID().toString().substring(0, 8), "type", type));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        long id = reply.json().get("id").asLong();
        for (String member : members) {
            assertThat(owner.post("api/v1/channels/" + id + "/members", Map.of("userId", member)).status()).isEqualTo(200);
        }
        return id;
    }

    private JsonNode post(Api api, long channel, Map<String, Object> body) {
        Api.Reply reply = api.post("api/v1/channels/" + channel + "/posts", body);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json();
    }

    private JsonNode channelOf(Api api, long id) {
        for (JsonNode c : api.get("api/v1/channels").json()) {
            if (c.get("id").asLong() == id) {
                return c;
            }
        }
        throw new AssertionError("channel " + id + " not listed");
    }

    @Test
    void postsAndListsNewestFirst() {
        Api alice = as("alice");
        long channel = newChannel(alice, "public");
        JsonNode first = post(alice, channel, Map.of("message", "Premier **message**"));
        post(alice, channel, Map.of("message", "Second"));
        assertThat(first.get("seq").asLong()).isEqualTo(1);
        assertThat(first.get("authorId").asText()).isEqualTo("u-alice");
        assertThat(first.get("edited").asBoolean()).isFalse();

        JsonNode page = alice.get("api/v1/channels/" + channel + "/posts").json();
        assertThat(page.get("posts")).extracting(p -> p.get("message").asText()).containsExactly("Second", "Premier **message**");
        assertThat(page.get("nextBefore").isNull()).isTrue();
    }

    @Test
    void pagesWithACursorWithoutGapsOrDuplicates() {
        Api alice = as("alice");
        long channel = newChannel(alice, "public");
        for (int i = 1; i <= 7; i++) {
            post(alice, channel, Map.of("message", "m" + i));
        }
        List<String> seen = new ArrayList<>();
        String cursor = "";
        int pages = 0;
        do {
            JsonNode page = alice.get("api/v1/channels/" + channel + "/posts?limit=3" + cursor).json();
            page.get("posts").forEach(p -> seen.add(p.get("message").asText()));
            cursor = page.get("nextBefore").isNull() ? null : "&before=" + page.get("nextBefore").asLong();
            pages++;
        } while (cursor != null);
        assertThat(seen).containsExactly("m7", "m6", "m5", "m4", "m3", "m2", "m1");
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void rejectsBadMessagesAndParameters() {
        Api alice = as("alice");
        long channel = newChannel(alice, "public");
        String posts = "api/v1/channels/" + channel + "/posts";
        assertThat(alice.post(posts, Map.of("message", "  \n ")).json().get("error").asText()).isEqualTo("message_empty");
        Api.Reply tooLong = alice.post(posts, Map.of("message", "x".repeat(16_384)));
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.json().get("error").asText()).isEqualTo("message_too_long");
        assertThat(tooLong.json().get("field").asText()).isEqualTo("message");
        assertThat(alice.post(posts, Map.of("message", "é".repeat(16_383))).status()).isEqualTo(201);
        // A number is not text: refused, not posted as "42".
        assertThat(alice.post(posts, Map.of("message", 42)).json().get("field").asText()).isEqualTo("message");
        assertThat(alice.post(posts, Map.of("message", List.of("a"))).json().get("error").asText()).isEqualTo("invalid_json_value");
        assertThat(alice.post(posts, "{").json().get("error").asText()).isEqualTo("malformed_json");
        assertThat(alice.post(posts, "").json().get("error").asText()).isEqualTo("missing_body");
        assertThat(alice.get(posts + "?limit=201").json().get("error").asText()).isEqualTo("invalid_limit");
        assertThat(alice.get(posts + "?before=x").json().get("error").asText()).isEqualTo("invalid_before");
        assertThat(alice.get(posts + "?before=0").status()).isEqualTo(400);
        assertThat(alice.post(posts, Map.of("message", "nul\u0000")).json().get("error").asText()).isEqualTo("invalid_characters");
        assertThat(alice.get(posts + "?before=%00").json().get("error").asText()).isEqualTo("invalid_characters");
        // None of the refused sends left a trace (only the 16,383 'é' went through).
        assertThat(alice.get(posts).json().get("posts")).hasSize(1);
    }

    @Test
    void aRetriedSendWithTheSameClientKeyWritesOnce() throws Exception {
        Api alice = as("alice");
        long channel = newChannel(alice, "public");
        String posts = "api/v1/channels/" + channel + "/posts";
        String key = UUID.randomUUID().toString();
        Api.Reply first = alice.post(posts, Map.of("message", "Une seule fois", "clientKey", key));
        Api.Reply retry = alice.post(posts, Map.of("message", "Une seule fois", "clientKey", key));
        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.json().get("id").asLong()).isEqualTo(first.json().get("id").asLong());

        // Racing retries: still one post.
        String racingKey = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Api.Reply>> tries = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                tries.add(() -> alice.post(posts, Map.of("message", "Course", "clientKey", racingKey)));
            }
            List<Long> ids = new ArrayList<>();
            for (Future<Api.Reply> reply : pool.invokeAll(tries)) {
                assertThat(reply.get().status()).as(reply.get().toString()).isIn(200, 201);
                ids.add(reply.get().json().get("id").asLong());
            }
            assertThat(ids).containsOnly(ids.get(0));
        } finally {
            pool.shutdownNow();
        }
        assertThat(alice.get(posts).json().get("posts")).hasSize(2);

        long other = newChannel(alice, "public");
        Api.Reply reused = alice.post("api/v1/channels/" + other + "/posts", Map.of("message", "ailleurs", "clientKey", key));
        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.json().get("error").asText()).isEqualTo("client_key_reused");
    }

    @Test
    void concurrentPostsGetDistinctSequences() throws Exception {
        Api alice = as("alice");
        long channel = newChannel(alice, "public", "u-bruno");
        Api bruno = as("bruno");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Api.Reply>> sends = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Api who = i % 2 == 0 ? alice : bruno;
                int n = i;
                sends.add(() -> who.post("api/v1/channels/" + channel + "/posts", Map.of("message", "n" + n)));
            }
            for (Future<Api.Reply> reply : pool.invokeAll(sends)) {
                assertThat(reply.get().status()).as(reply.get().toString()).isEqualTo(201);
            }
        } finally {
            pool.shutdownNow();
        }
        JsonNode posts = alice.get("api/v1/channels/" + channel + "/posts?limit=200").json().get("posts");
        assertThat(posts).hasSize(20);
        assertThat(posts).extracting(p -> p.get("seq").asLong()).doesNotHaveDuplicates().contains(1L, 20L);
    }

    @Test
    void nonMembersReadPublicChannelsButDoNotPost() {
        long channel = newChannel(as("alice"), "public");
        Api.Reply refused = as("bruno").post("api/v1/channels/" + channel + "/posts", Map.of("message", "hop"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("error").asText()).isEqualTo("not_channel_member");
        assertThat(as("bruno").get("api/v1/channels/" + channel + "/posts").status()).isEqualTo(200);
    }

    @Test
    void editOwnPostsOnly() {
        Api alice = as("alice");
        long channel = newChannel(alice, "public", "u-bruno");
        long id = post(alice, channel, Map.of("message", "Brouillon")).get("id").asLong();
        Api.Reply edited = alice.patch("api/v1/posts/" + id, Map.of("message", "Version finale"));
        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.json().get("edited").asBoolean()).isTrue();
        assertThat(edited.json().get("editedAt").isNull()).isFalse();
        assertThat(alice.get("api/v1/channels/" + channel + "/posts").json().get("posts").get(0).get("message").asText())
                .isEqualTo("Version finale");

        Api.Reply byOther = as("bruno").patch("api/v1/posts/" + id, Map.of("message", "Piraté"));
        assertThat(byOther.status()).isEqualTo(403);
        assertThat(byOther.json().get("error").asText()).isEqualTo("not_post_author");
        assertThat(as("camille").patch("api/v1/posts/" + id, Map.of("message", "Admin")).status()).isEqualTo(403);
        assertThat(alice.patch("api/v1/posts/" + id, Map.of("message", "")).status()).isEqualTo(422);
        assertThat(alice.get("api/v1/posts/" + id).json().get("message").asText()).isEqualTo("Version finale");
    }

    @Test
    void deleteOwnPostsAndAdminsDeleteAny() {
        Api alice = as("alice");
        long channel = newChannel(alice, "public", "u-bruno");
        long mine = post(alice, channel, Map.of("message", "À effacer")).get("id").asLong();
        long other = post(alice, channel, Map.of("message", "Modéré")).get("id").asLong();

        assertThat(as("bruno").delete("api/v1/posts/" + mine).status()).isEqualTo(403);
        assertThat(alice.delete("api/v1/posts/" + mine).status()).isEqualTo(204);
        assertThat(alice.get("api/v1/posts/" + mine).status()).isEqualTo(404);
        assertThat(alice.delete("api/v1/posts/" + mine).status()).isEqualTo(404);
        assertThat(as("camille").delete("api/v1/posts/" + other).status()).isEqualTo(204);
        assertThat(alice.get("api/v1/channels/" + channel + "/posts").json().get("posts")).isEmpty();
    }

    @Test
    void postsInPrivateChannelsStayPrivate() {
        Api alice = as("alice");
        long channel = newChannel(alice, "private");
        long id = post(alice, channel, Map.of("message", "Secret")).get("id").asLong();
        Api bruno = as("bruno");
        assertThat(bruno.get("api/v1/posts/" + id).status()).isEqualTo(404);
        assertThat(bruno.get("api/v1/posts/" + id).json().get("error").asText()).isEqualTo("post_not_found");
        assertThat(bruno.patch("api/v1/posts/" + id, Map.of("message", "x")).status()).isEqualTo(404);
        assertThat(bruno.delete("api/v1/posts/" + id).status()).isEqualTo(404);
        assertThat(as("camille").delete("api/v1/posts/" + id).status()).isEqualTo(404);
    }

    @Test
    void recipientsAreStoredAndMentioned() {
        Api alice = as("alice");
        long channel = newChannel(alice, "public", "u-bruno", "u-chloe");
        JsonNode sent = post(alice, channel, Map.of("message", "Réunion à 14 h", "recipients", List.of("u-bruno", "u-chloe", "u-bruno")));
        assertThat(sent.get("recipients")).extracting(JsonNode::asText).containsExactly("u-bruno", "u-chloe");

        JsonNode forBruno = channelOf(as("bruno"), channel);
        assertThat(forBruno.get("unread").asBoolean()).isTrue();
        assertThat(forBruno.get("mentionCount").asInt()).isEqualTo(1);
        assertThat(channelOf(alice, channel).get("unread").asBoolean()).isFalse();

        Api.Reply outsider = alice.post("api/v1/channels/" + channel + "/posts",
                Map.of("message", "x", "recipients", List.of("u-david")));
        assertThat(outsider.status()).isEqualTo(422);
        assertThat(outsider.json().get("error").asText()).isEqualTo("recipient_not_member");
        Api.Reply unknown = alice.post("api/v1/channels/" + channel + "/posts",
                Map.of("message", "x", "recipients", List.of("u-ghost")));
        assertThat(unknown.json().get("error").asText()).isEqualTo("unknown_recipient");
        Api.Reply noAccess = alice.post("api/v1/channels/" + channel + "/posts",
                Map.of("message", "x", "recipients", List.of("u-gerard")));
        assertThat(noAccess.json().get("error").asText()).isEqualTo("unknown_recipient");
    }

    @Test
    void inGeneralAnyUserCanBeAddressed() {
        Api alice = as("alice");
        long general = alice.get("api/v1/channels").json().get(0).get("id").asLong();
        // François never opened the chat, but everyone belongs to General.
        JsonNode sent = post(alice, general, Map.of("message", "Bienvenue", "recipients", List.of("u-francois")));
        assertThat(sent.get("recipients").get(0).asText()).isEqualTo("u-francois");
        assertThat(channelOf(as("francois"), general).get("mentionCount").asInt()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void readingClearsTheStarForThatUserOnly() {
        Api alice = as("alice");
        long channel = newChannel(alice, "public", "u-bruno", "u-chloe");
        post(alice, channel, Map.of("message", "Nouveau", "recipients", List.of("u-bruno")));
        Api bruno = as("bruno");
        Api chloe = as("chloe");
        assertThat(channelOf(bruno, channel).get("unread").asBoolean()).isTrue();
        assertThat(channelOf(chloe, channel).get("unread").asBoolean()).isTrue();

        assertThat(bruno.post("api/v1/channels/" + channel + "/read", "").status()).isEqualTo(204);
        JsonNode afterRead = channelOf(bruno, channel);
        assertThat(afterRead.get("unread").asBoolean()).isFalse();
        assertThat(afterRead.get("mentionCount").asInt()).isZero();
        assertThat(channelOf(chloe, channel).get("unread").asBoolean()).isTrue();

        post(alice, channel, Map.of("message", "Encore"));
        assertThat(channelOf(bruno, channel).get("unread").asBoolean()).isTrue();
        // The author's own post does not make the channel unread for them.
        assertThat(channelOf(alice, channel).get("unread").asBoolean()).isFalse();
    }
}
