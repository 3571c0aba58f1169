package fr.clavardage.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import fr.clavardage.testing.Api;
import fr.clavardage.testing.ModuleDeployment;
import java.io.InputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The headers every answer of the module carries, over real HTTP, with the default settings: nosniff
 * on pages, scripts, JSON, the event stream and errors; a strict Content-Security-Policy and framing
 * by the module's own origin only. (The browser's side of the policy: ChatWindowIT.)
 */
@Tag("h2-only")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SecurityHeadersIT {

    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' https: http: data: blob:; connect-src 'self'; worker-src 'self'; font-src 'self'; "
            + "manifest-src 'self'; form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'self'";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ModuleDeployment.shared();
    }

    @ArquillianResource
    URL base;

    @Test
    void everyKindOfAnswerForbidsContentSniffing() throws Exception {
        Api alice = Api.as(base, "alice");
        Map<String, Api.Reply> answers = new java.util.LinkedHashMap<>();
        answers.put("window page", alice.get("app/"));
        answers.put("script", alice.get("app/chat.js"));
        answers.put("style sheet", alice.get("app/chat.css"));
        answers.put("widget page", alice.get("widget/"));
        answers.put("WebJar module", alice.get("webjars/dompurify/3.2.4/dist/purify.es.mjs"));
        answers.put("JSON", alice.get("api/v1/me"));
        answers.put("401 error", Api.anonymous(base).get("api/v1/me"));
        answers.put("404 from the API", alice.get("api/v1/nothing-here"));
        answers.put("404 from the container", alice.get("app/nothing-here.js"));
        answers.put("405", alice.delete("api/v1/emoji"));
        answers.put("415", alice.send("POST", "api/v1/channels", "text/plain", "x".getBytes(StandardCharsets.UTF_8), Map.of()));
        answers.forEach((what, reply) -> assertThat(reply.header("X-Content-Type-Options"))
                .as(what + " (" + reply.status() + ")").isEqualTo("nosniff"));
        assertThat(answers.get("404 from the container").status()).isEqualTo(404);
        assertThat(answers.get("405").status()).isEqualTo(405);

        HttpResponse<InputStream> stream = openStream("alice");
        try (InputStream body = stream.body()) {
            assertThat(stream.statusCode()).isEqualTo(200);
            assertThat(stream.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            assertThat(stream.headers().firstValue("X-Content-Type-Options")).as("event stream").contains("nosniff");
        }
    }

    @Test
    void theWindowAndTheWidgetRunUnderAStrictPolicyAndOnlyTheModuleMayFrameThem() {
        Api alice = Api.as(base, "alice");
        for (String page : List.of("app/", "app/index.html", "widget/", "app/chat.js", "app/stream-worker.js", "widget/widget.js")) {
            Api.Reply reply = alice.get(page);
            assertThat(reply.status()).as(page).isEqualTo(200);
            assertThat(reply.header("Content-Security-Policy")).as(page).isEqualTo(POLICY);
            assertThat(reply.header("X-Frame-Options")).as(page).isEqualTo("SAMEORIGIN");
        }
    }

    /** The policy allows no inline script or style: the pages must have none, not even an event attribute. */
    @Test
    void thePagesHoldNoInlineScriptOrStyle() {
        Pattern inline = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>|<style\\b|\\sstyle=|\\son[a-z]+=|javascript:",
                Pattern.CASE_INSENSITIVE);
        for (String page : List.of("app/", "widget/")) {
            String html = Api.as(base, "alice").get(page).body();
            assertThat(inline.matcher(html).find()).as(page + " has inline script or style").isFalse();
        }
    }

    private HttpResponse<InputStream> openStream(String login) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "api/v1/stream"))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((login + ":demo").getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(20)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
    }
}
