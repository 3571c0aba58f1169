package fr.clavardage.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.clavardage.testing.Api;
import fr.clavardage.testing.ModuleDeployment;
import fr.clavardage.testing.OnEachDatabase;
import fr.clavardage.testing.RawHttp;
import java.net.URL;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Input that is wrong in every way but the one the API documents, sent over real HTTP (and on a raw
 * socket where a proper client would refuse to send it): each gets its documented 4xx and JSON body,
 * never a 500, an HTML page, a silent conversion or a partial write.
 */
@OnEachDatabase
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BadInputIT {

    private static final String EMOJI = "😀";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ModuleDeployment.shared();
    }

    @ArquillianResource
    URL base;

    private Api alice() {
        return Api.as(base, "alice");
    }

    private static void assertError(Api.Reply reply, int status, String code, String field) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        JsonNode body = reply.json();
        assertThat(body.path("error").asText()).as(reply.toString()).isEqualTo(code);
        assertThat(body.path("message").asText()).isNotBlank();
        if (field == null) {
            assertThat(body.has("field")).as(reply.toString()).isFalse();
        } else {
            assertThat(body.path("field").asText()).as(reply.toString()).isEqualTo(field);
        }
        assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    private long lastPostSeq(long channel) {
        return alice().get("api/v1/channels/" + channel).json().get("lastPostSeq").asLong();
    }

    // 1. Limits count code points, and the columns hold that many on H2 and PostgreSQL alike.

    @Test
    void emojiUpToEachLimitAreStoredAndReadBackIntact() {
        Api alice = alice();
        String displayName = EMOJI.repeat(64);
        String purpose = "👍🏽".repeat(125);   // 2 code points each: 250
        Api.Reply created = alice.post("api/v1/channels", Map.of("displayName", displayName, "purpose", purpose,
                "name", "emoji-" + System.nanoTime()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long channel = created.json().get("id").asLong();
        JsonNode read = alice.get("api/v1/channels/" + channel).json();
        assertThat(read.get("displayName").asText()).isEqualTo(displayName);
        assertThat(read.get("purpose").asText()).isEqualTo(purpose);
        assertError(alice.patch("api/v1/channels/" + channel, Map.of("displayName", displayName + EMOJI)),
                422, "invalid_display_name", "displayName");
        assertError(alice.patch("api/v1/channels/" + channel, Map.of("purpose", purpose + EMOJI)),
                422, "invalid_purpose", "purpose");

        String message = EMOJI.repeat(16_383);
        String clientKey = EMOJI.repeat(64);
        Api.Reply posted = alice.post("api/v1/channels/" + channel + "/posts", Map.of("message", message, "clientKey", clientKey));
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
        JsonNode post = alice.get("api/v1/posts/" + posted.json().get("id").asLong()).json();
        assertThat(post.get("message").asText()).isEqualTo(message);
        assertThat(post.get("clientKey").asText()).isEqualTo(clientKey);
        assertError(alice.post("api/v1/channels/" + channel + "/posts", Map.of("message", message + EMOJI)),
                422, "message_too_long", "message");
        assertError(alice.post("api/v1/channels/" + channel + "/posts", Map.of("message", "x", "clientKey", clientKey + EMOJI)),
                422, "invalid_client_key", "clientKey");
        assertThat(lastPostSeq(channel)).isEqualTo(1);

        Api emilie = Api.as(base, "emilie");
        String nickname = EMOJI.repeat(64);
        try {
            Api.Reply renamed = emilie.patch("api/v1/users/u-emilie", Map.of("nickname", nickname));
            assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
            assertThat(emilie.get("api/v1/users/u-emilie").json().get("nickname").asText()).isEqualTo(nickname);
            assertError(emilie.patch("api/v1/users/u-emilie", Map.of("nickname", nickname + EMOJI)),
                    422, "invalid_nickname", "nickname");
        } finally {
            emilie.patch("api/v1/users/u-emilie", Map.of("nickname", ""));
        }
    }

    // 2. Bodies are UTF-8.

    @Test
    void bodiesThatAreNotUtf8AreMalformedOnEveryJsonEndpoint() {
        Api alice = alice();
        long channel = alice.newChannel("Encodages", "public");
        long post = alice.newPost(channel, "Bonjour");
        byte[] utf32Looking = "{\0\0\0\"readingOrder\":\"x\"}".getBytes(StandardCharsets.ISO_8859_1);
        byte[] utf16 = "{\"message\":\"hé\"}".getBytes(StandardCharsets.UTF_16);          // with its BOM
        byte[] utf16le = "{\"message\":\"hé\"}".getBytes(StandardCharsets.UTF_16LE);
        byte[] utf32 = "{\"message\":\"hé\"}".getBytes(Charset.forName("UTF-32"));
        byte[] invalidUtf8 = {'{', '"', 'm', 'e', 's', 's', 'a', 'g', 'e', '"', ':', '"', (byte) 0xC3, '(', '"', '}'};
        for (String[] endpoint : jsonEndpoints(channel, post)) {
            for (byte[] body : List.of(utf32Looking, utf16, utf16le, utf32, invalidUtf8)) {
                Api.Reply reply = alice.send(endpoint[0], endpoint[1], "application/json", body, Map.of());
                assertError(reply, 400, "malformed_json", null);
            }
        }
        assertError(alice.send("POST", "api/v1/channels/" + channel + "/posts", "application/json; charset=UTF-16",
                utf16, Map.of()), 415, "unsupported_media_type", null);
        assertThat(lastPostSeq(channel)).isEqualTo(1);
    }

    private static List<String[]> jsonEndpoints(long channel, long post) {
        return List.of(new String[] {"POST", "api/v1/channels"}, new String[] {"PATCH", "api/v1/channels/" + channel},
                new String[] {"POST", "api/v1/channels/" + channel + "/members"},
                new String[] {"POST", "api/v1/channels/" + channel + "/posts"}, new String[] {"PATCH", "api/v1/posts/" + post},
                new String[] {"PATCH", "api/v1/users/u-alice"}, new String[] {"PATCH", "api/v1/me/preferences"});
    }

    // 3. No JSON value is converted into another type.

    @Test
    void valuesOfTheWrongJsonTypeAreRefusedWithTheirField() {
        Api alice = alice();
        long channel = alice.newChannel("Types", "public", "u-bruno");
        String posts = "api/v1/channels/" + channel + "/posts";
        assertError(alice.post(posts, "{\"message\":123}"), 400, "invalid_json_value", "message");
        assertError(alice.post(posts, "{\"message\":true}"), 400, "invalid_json_value", "message");
        assertError(alice.post(posts, "{\"message\":1.5e3}"), 400, "invalid_json_value", "message");
        assertError(alice.post(posts, "{\"message\":{}}"), 400, "invalid_json_value", "message");
        assertError(alice.post(posts, "{\"message\":\"a\",\"clientKey\":7}"), 400, "invalid_json_value", "clientKey");
        assertError(alice.post(posts, "{\"message\":\"a\",\"recipients\":[5]}"), 400, "invalid_json_value", "recipients[0]");
        assertError(alice.post(posts, "{\"message\":\"a\",\"recipients\":[\"u-bruno\",false]}"), 400, "invalid_json_value", "recipients[1]");
        assertError(alice.post(posts, "{\"message\":\"a\",\"recipients\":\"u-bruno\"}"), 400, "invalid_json_value", "recipients");
        assertError(alice.post(posts, "{\"message\":\"a\",\"message\":\"b\"}"), 400, "malformed_json", null);
        assertError(alice.post(posts, "{\"message\":\"a\"} {}"), 400, "invalid_json_value", null);
        assertError(alice.post(posts, "[".repeat(10_000)), 400, "invalid_json_value", null);
        assertError(alice.post(posts, "{\"message\":\"a\",\"recipients\":" + "[".repeat(10_000) + "}"),
                400, "invalid_json_value", "recipients[0]");
        assertError(alice.patch("api/v1/users/u-alice", "{\"nickname\":42}"), 400, "invalid_json_value", "nickname");
        assertError(alice.patch("api/v1/me/preferences", "{\"readingOrder\":1}"), 400, "invalid_json_value", "readingOrder");
        assertError(alice.post("api/v1/channels", "{\"displayName\":false}"), 400, "invalid_json_value", "displayName");
        assertError(alice.post("api/v1/channels/" + channel + "/members", "{\"userId\":1}"), 400, "invalid_json_value", "userId");
        assertThat(lastPostSeq(channel)).isZero();
        assertThat(alice.get("api/v1/users/u-alice").json().get("nickname").isNull()).isTrue();
    }

    // 4. One spelling per id.

    @Test
    void otherSpellingsOfAnIdAreNotFound() {
        Api alice = alice();
        long channel = alice.newChannel("Identifiants", "public");
        long post = alice.newPost(channel, "Là");
        for (String spelling : spellings(channel)) {
            assertError(alice.get("api/v1/channels/" + spelling), 404, "not_found", null);
            assertError(alice.get("api/v1/channels/" + spelling + "/posts"), 404, "not_found", null);
            assertError(alice.post("api/v1/channels/" + spelling + "/read", ""), 404, "not_found", null);
            assertError(alice.post("api/v1/channels/" + spelling + "/typing", ""), 404, "not_found", null);
        }
        for (String spelling : spellings(post)) {
            assertError(alice.get("api/v1/posts/" + spelling), 404, "not_found", null);
            assertError(alice.patch("api/v1/posts/" + spelling, Map.of("message", "Ici")), 404, "not_found", null);
            assertError(alice.delete("api/v1/posts/" + spelling), 404, "not_found", null);
        }
        assertThat(alice.get("api/v1/posts/" + post).json().get("message").asText()).isEqualTo("Là");
        assertError(alice.get("api/v1/channels/" + channel + "/posts?limit=%2B5"), 400, "invalid_limit", null);
        assertError(alice.get("api/v1/channels/" + channel + "/posts?before=%EF%BC%95"), 400, "invalid_before", null);
    }

    /** "+7", "07", and 7 in full-width and Arabic-Indic digits, percent-encoded as a browser sends them. */
    private static List<String> spellings(long id) {
        String ascii = Long.toString(id);
        StringBuilder fullWidth = new StringBuilder();
        StringBuilder arabicIndic = new StringBuilder();
        for (char digit : ascii.toCharArray()) {
            fullWidth.appendCodePoint(0xFF10 + digit - '0');
            arabicIndic.appendCodePoint(0x0660 + digit - '0');
        }
        return List.of("%2B" + ascii, "0" + ascii, encode(fullWidth.toString()), encode(arabicIndic.toString()),
                ascii + "%20", "-" + ascii, ascii + ".0", "9223372036854775808");
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    // 5. Nothing visible is empty; text is valid Unicode.

    @Test
    void invisibleMessagesAreEmptyAndLoneSurrogatesAreRefused() {
        Api alice = alice();
        long channel = alice.newChannel("Invisible", "public");
        String posts = "api/v1/channels/" + channel + "/posts";
        for (String invisible : new String[] {"\u00A0", "\u200B", "\u00A0\u200B\u2060\uFEFF\n\u3000", "\u2800", "\u200D\u200C"}) {
            assertError(alice.post(posts, Map.of("message", invisible)), 422, "message_empty", "message");
        }
        assertError(alice.post(posts, "{\"message\":\"a\\ud800b\"}"), 422, "invalid_characters", "message");
        assertError(alice.post(posts, "{\"message\":\"\\udc00\"}"), 422, "invalid_characters", "message");
        assertError(alice.post(posts, "{\"message\":\"a\",\"clientKey\":\"k\\ud800\"}"), 422, "invalid_client_key", "clientKey");
        assertError(alice.post(posts, "{\"message\":\"a\",\"recipients\":[\"u-bruno\\ud800\"]}"), 422, "unknown_recipient", "recipients");
        assertError(alice.post("api/v1/channels", "{\"displayName\":\"a\\ud800\"}"), 422, "invalid_display_name", "displayName");
        assertError(alice.post("api/v1/channels", "{\"displayName\":\"\\u200b\\u00a0\"}"), 422, "invalid_display_name", "displayName");
        assertError(alice.patch("api/v1/channels/" + channel, "{\"purpose\":\"\\ude00 \"}"), 422, "invalid_purpose", "purpose");
        assertError(alice.patch("api/v1/users/u-alice", "{\"nickname\":\"\\ud83d\"}"), 422, "invalid_nickname", "nickname");
        // Nobody's id, and never sent to the directory's database (PostgreSQL refuses a NUL: it was a 500).
        assertError(alice.post("api/v1/channels/" + channel + "/members", "{\"userId\":\"u-bruno\\u0000\"}"),
                422, "unknown_user", "userId");
        assertError(alice.post("api/v1/channels/" + channel + "/members", "{\"userId\":\"u-bruno\\udc00\"}"),
                422, "unknown_user", "userId");
        // A field name the error echoes back cannot break the error itself.
        Api.Reply unknown = alice.post(posts, "{\"\\ud800\":1}");
        assertError(unknown, 400, "unknown_field", "\uFFFD");
        assertThat(lastPostSeq(channel)).isZero();
        assertThat(alice.get("api/v1/users/u-alice").json().get("nickname").isNull()).isTrue();
    }

    // 7. An answer given before the body was read says that the connection closes.

    @Test
    void anAnswerThatLeavesTheBodyUnreadSaysTheConnectionCloses() throws Exception {
        String target = base.getPath() + "api/v1/channels";
        for (int size : new int[] {100_000, 3_000_000}) {
            try (RawHttp http = RawHttp.open(base)) {
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put("Authorization", RawHttp.basic("alice"));
                headers.put("Content-Type", "text/plain");
                headers.put("Content-Length", Integer.toString(size));
                http.head("POST", target.getBytes(StandardCharsets.ISO_8859_1), headers);
                // Written beside the read: the server answers, and may close, before the body is all sent.
                Thread writer = new Thread(() -> {
                    try {
                        http.write(new byte[size]);
                    } catch (java.io.IOException closedEarly) {
                        // expected once the server has closed
                    }
                });
                writer.start();
                RawHttp.Answer answer = http.read();
                assertThat(answer.status()).isEqualTo(415);
                assertThat(answer.body()).contains("\"unsupported_media_type\"");
                assertThat(answer.header("Connection")).as(size + " bytes unread").isEqualTo("close");
                assertThat(http.closedWithin(5_000)).isTrue();
            }
        }
        // A body read to its end keeps the connection for the next request.
        try (RawHttp http = RawHttp.open(base)) {
            byte[] body = "{\"readingOrder\":\"newest_bottom\"}".getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 2; i++) {
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put("Authorization", RawHttp.basic("alice"));
                headers.put("Content-Type", "application/json");
                headers.put("Content-Length", Integer.toString(body.length));
                http.head("PATCH", (base.getPath() + "api/v1/me/preferences").getBytes(StandardCharsets.ISO_8859_1), headers);
                http.write(body);
                RawHttp.Answer answer = http.read();
                assertThat(answer.status()).isEqualTo(200);
                assertThat(answer.header("Connection")).isNull();
            }
        }
    }

    // 8. Errors raised before JAX-RS chooses a resource answer like the API.

    @Test
    void errorsRaisedByTheContainerAnswerInJson() throws Exception {
        String ctx = base.getPath();
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put(ctx + "api/v1/channels/%2F", "bad_request");        // encoded slash
        expected.put(ctx + "api/v1/%2e%2e/v1/channels", "bad_request");  // encoded dot segment
        expected.put(ctx + "api/v1/channels/%C3%28", "bad_request");     // invalid UTF-8
        expected.put(ctx + "api/v1/channels/%01", "bad_request");        // encoded control character
        expected.put(ctx + "api/v1/channels/a%00", "bad_request");
        expected.put(ctx + "api/v1/chan\u0001nels", "bad_request");      // raw control character
        expected.put(ctx + "api/v1/channels/%zz", "bad_request");
        expected.put(ctx + "api/v1/" + "x".repeat(20_000), "uri_too_long");
        expected.put(ctx + "api/v1/../api/v1/channels", "not_found");    // normalized out of the API
        expected.put(ctx + "app/no-such-file.js", "not_found");
        expected.put(ctx + "error-page", "not_found");
        expected.put("DELETE " + ctx + "api/v1/users/%C3%28", "bad_request");  // Jetty writes no page for a DELETE
        expected.put("DELETE " + ctx + "api/v1/no-such-path", "not_found");
        for (Map.Entry<String, String> each : expected.entrySet()) {
            String method = each.getKey().startsWith("DELETE ") ? "DELETE" : "GET";
            String target = each.getKey().substring(method.equals("GET") ? 0 : 7);
            try (RawHttp http = RawHttp.open(base)) {
                http.head(method, target.getBytes(StandardCharsets.ISO_8859_1), Map.of("Authorization", RawHttp.basic("alice")));
                RawHttp.Answer answer = http.read();
                String what = each.getKey().substring(0, Math.min(60, each.getKey().length())) + " -> " + answer;
                assertThat(answer.status()).as(what).isBetween(400, 499);
                assertThat(answer.header("Content-Type")).as(what).startsWith("application/json");
                assertThat(answer.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
                assertThat(answer.header("Server")).as(what).isNull();
                JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body());
                assertThat(body.path("error").asText()).as(what).isEqualTo(each.getValue());
                assertThat(body.path("message").asText()).as(what).isNotBlank();
                assertThat(answer.body()).as(what).doesNotContainIgnoringCase("jetty");
            }
        }
    }
}
