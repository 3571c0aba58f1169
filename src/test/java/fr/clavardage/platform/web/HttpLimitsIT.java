package fr.clavardage.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import fr.clavardage.testing.Api;
import fr.clavardage.testing.ModuleDeployment;
import fr.clavardage.testing.OwnDeployment;
import fr.clavardage.testing.RawHttp;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The configurable limits over real HTTP, set low for this deployment: the request size (413
 * {@code payload_too_large}, declared or chunked), the per-user post and write rates (429 with
 * {@code Retry-After}), and a host origin allowed to frame the pages.
 */
@Tag("h2-only")
@OwnDeployment("low limits and a host origin, which the module reads as it starts")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HttpLimitsIT {

    private static final int REQUEST_LIMIT = 64 * 1024;
    private static final int POSTS = 3;
    private static final int WRITES = 12;

    @Deployment(testable = false)
    static WebArchive deployment() {
        System.setProperty("clavardage.limit.request", String.valueOf(REQUEST_LIMIT));
        System.setProperty("clavardage.limit.posts", String.valueOf(POSTS));
        System.setProperty("clavardage.limit.writes", String.valueOf(WRITES));
        System.setProperty("clavardage.host.origin", "https://ERP.example.com:8443");
        return ModuleDeployment.withDemoHost("limits");
    }

    @AfterAll
    static void restoreDefaults() {
        System.clearProperty("clavardage.limit.request");
        System.clearProperty("clavardage.limit.posts");
        System.clearProperty("clavardage.limit.writes");
        System.clearProperty("clavardage.host.origin");
    }

    @ArquillianResource
    URL base;

    /** A JSON post body of exactly {@code bytes} bytes. */
    private static byte[] message(int bytes) {
        byte[] body = ("{\"message\":\"" + "a".repeat(bytes - 14) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertThat(body).hasSize(bytes);
        return body;
    }

    /**
     * Refused on its declared length alone: the answer comes before a byte of the body is sent. (Sent
     * whole, the body raced the server's early answer and closing: on a busy machine the client could
     * be reset while still writing and never see the 413.)
     */
    @Test
    void aBodyOverTheLimitIsRefusedWith413() throws Exception {
        RawHttp.Answer answer = headOnly("POST", "api/v1/channels/1/posts", "application/json", RawHttp.basic("bruno"));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(413);
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body()).get("error").asText())
                .isEqualTo("payload_too_large");
        assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
        // Refused before anyone is asked who is calling: an anonymous huge body gets the same answer.
        assertThat(headOnly("PUT", "api/v1/me/avatar", "image/png", null).status()).isEqualTo(413);
    }

    /** Sends only the head of a request declaring a body one byte over the limit, and reads the answer. */
    private RawHttp.Answer headOnly(String method, String path, String contentType, String authorization) throws Exception {
        java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.put("Content-Length", String.valueOf(REQUEST_LIMIT + 1));
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        try (RawHttp http = RawHttp.open(base)) {
            http.head(method, (base.getPath() + path).getBytes(StandardCharsets.ISO_8859_1), headers);
            return http.read();
        }
    }

    @Test
    void aChunkedBodyIsHeldToTheSameLimit() throws Exception {
        HttpResponse<String> over = chunked("bruno", message(REQUEST_LIMIT + 1000));
        assertThat(over.statusCode()).as(over.body()).isEqualTo(413);
        assertThat(over.body()).contains("\"payload_too_large\"");

        long channel = Api.as(base, "chloe").newChannel("Morceaux " + System.nanoTime() % 100000, "public");
        HttpResponse<String> within = chunked("chloe", channel, "{\"message\":\"Envoyé par morceaux\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(within.statusCode()).as(within.body()).isEqualTo(201);
    }

    @Test
    void sendingTooManyMessagesIsRefusedWith429AndRetryAfter() {
        Api david = Api.as(base, "david");
        long channel = david.newChannel("Rafale " + System.nanoTime() % 100000, "public");
        int accepted = 0;
        Api.Reply refused = null;
        // Bounded: the bucket holds POSTS and refills one every 60/POSTS seconds, so even a slow
        // machine meets the refusal well within twice the allowance.
        for (int i = 0; i < 2 * POSTS + 2 && refused == null; i++) {
            Api.Reply reply = david.post("api/v1/channels/" + channel + "/posts", Map.of("message", "Rafale " + i));
            if (reply.status() == 429) {
                refused = reply;
            } else {
                assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
                accepted++;
            }
        }
        assertThat(refused).as("the post after the allowance is refused").isNotNull();
        assertThat(accepted).isBetween(POSTS, 2 * POSTS + 1);
        assertThat(refused.json().get("error").asText()).isEqualTo("too_many_posts");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(refused.header("X-Content-Type-Options")).isEqualTo("nosniff");

        // Per user: someone else still posts; and reading is never limited.
        Api.Reply other = Api.as(base, "francois").post("api/v1/channels/1/posts", Map.of("message", "Moi, je peux"));
        assertThat(other.status()).as(other.toString()).isEqualTo(201);
        assertThat(david.get("api/v1/channels/" + channel + "/posts?limit=10").status()).isEqualTo(200);
    }

    @Test
    void tooManyWritesOfAnyKindAreRefusedWith429() {
        Api emilie = Api.as(base, "emilie");
        Api.Reply refused = null;
        int accepted = 0;
        for (int i = 0; i < 2 * WRITES && refused == null; i++) {
            Api.Reply reply = emilie.post("api/v1/me/activity", "");
            if (reply.status() == 429) {
                refused = reply;
            } else {
                assertThat(reply.status()).as(reply.toString()).isLessThan(300);
                accepted++;
            }
        }
        assertThat(refused).as("the write after the allowance is refused").isNotNull();
        assertThat(accepted).isBetween(WRITES, 2 * WRITES - 1);
        assertThat(refused.json().get("error").asText()).isEqualTo("too_many_writes");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(emilie.get("api/v1/me").status()).isEqualTo(200);
    }

    @Test
    void theConfiguredHostOriginMayFrameTheWindowAndTheWidget() {
        for (String page : new String[] {"app/", "widget/"}) {
            Api.Reply reply = Api.as(base, "alice").get(page);
            assertThat(reply.header("Content-Security-Policy")).as(page)
                    .endsWith("frame-ancestors 'self' https://erp.example.com:8443");
            // X-Frame-Options cannot name another origin: it is left out, frame-ancestors decides.
            assertThat(reply.header("X-Frame-Options")).as(page).isNull();
        }
    }

    private HttpResponse<String> chunked(String login, byte[] body) throws IOException, InterruptedException {
        return chunked(login, 1, body);
    }

    /** An input-stream body has no known length: the client sends it chunked, without Content-Length. */
    private HttpResponse<String> chunked(String login, long channel, byte[] body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "api/v1/channels/" + channel + "/posts"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((login + ":demo").getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        // A connection of its own: the server closes it after refusing a body it did not read.
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
