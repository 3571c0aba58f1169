package fr.clavardage.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.clavardage.testing.Api;
import fr.clavardage.testing.ModuleDeployment;
import fr.clavardage.testing.OnEachDatabase;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Users, profiles and avatars, plus the rules every endpoint shares: sign-in, permission, same origin. */
@OnEachDatabase
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class UserApiIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ModuleDeployment.shared();
    }

    @ArquillianResource
    URL base;

    private Api as(String login) {
        return Api.as(base, login);
    }

    static byte[] png(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, width, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    @Test
    void listsEveryActiveErpUserWithProfileAndStatus() {
        JsonNode users = as("alice").get("api/v1/users").json().get("users");
        assertThat(users).extracting(u -> u.get("login").asText())
                .contains("alice", "bruno", "camille", "chloe", "david", "emilie", "francois");
        JsonNode alice = find(users, "u-alice");
        assertThat(alice.get("self").asBoolean()).isTrue();
        assertThat(alice.get("status").asText()).isEqualTo("online");
        assertThat(alice.get("displayName").asText()).isEqualTo("Alice Durand");
        assertThat(alice.get("avatarUrl").asText()).contains("/api/v1/users/u-alice/avatar?v=");
        // Whoever asks comes last; everyone else by status: online, away, busy, offline.
        assertThat(users.get(users.size() - 1).get("id").asText()).isEqualTo("u-alice");
        List<String> order = List.of("online", "away", "dnd", "offline");
        int rank = 0;
        for (int i = 0; i < users.size() - 1; i++) {
            int next = order.indexOf(users.get(i).get("status").asText());
            assertThat(next).as("status order at " + i).isGreaterThanOrEqualTo(rank);
            rank = next;
        }
    }

    @Test
    void theColumnIsPagedByCursorWithEveryoneOnceAndTheCallerLast() {
        Api alice = as("alice");
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = alice.get("api/v1/users?limit=3" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            assertThat(page.get("users").size()).isBetween(1, 3);
            page.get("users").forEach(u -> seen.add(u.get("id").asText()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(seen).doesNotHaveDuplicates()
                .containsExactlyInAnyOrder("u-camille", "u-alice", "u-bruno", "u-chloe", "u-david", "u-emilie",
                        "u-francois", "u-gerard");
        assertThat(seen.get(seen.size() - 1)).isEqualTo("u-alice");
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void theColumnIsSearchedWithoutAccentsOrCaseAndFetchedById() {
        Api alice = as("alice");
        assertThat(alice.get("api/v1/users?q=emilie").json().get("users")).extracting(u -> u.get("id").asText())
                .containsExactly("u-emilie");
        assertThat(alice.get("api/v1/users?q=ROUX").json().get("users")).extracting(u -> u.get("id").asText())
                .containsExactly("u-emilie");
        assertThat(alice.get("api/v1/users?q=stagiaire").json().get("users").get(0).get("canChat").asBoolean())
                .as("listed, but not addressable").isFalse();
        JsonNode byIds = alice.get("api/v1/users?ids=u-bruno,u-nobody,u-chloe").json();
        assertThat(byIds.get("users")).extracting(u -> u.get("id").asText()).containsExactlyInAnyOrder("u-bruno", "u-chloe");
        assertThat(byIds.get("nextCursor").isNull()).isTrue();
        JsonNode offline = alice.get("api/v1/users?status=offline&limit=500").json().get("users");
        offline.forEach(u -> assertThat(u.get("status").asText()).isEqualTo("offline"));
    }

    @Test
    void badColumnQueriesAreRefusedClearly() {
        Api alice = as("alice");
        for (String[] bad : new String[][] {{"cursor=bm90LWEtY3Vyc29y", "invalid_cursor"}, {"cursor=%25%25", "invalid_cursor"},
                {"limit=0", "invalid_limit"}, {"limit=501", "invalid_limit"}, {"limit=many", "invalid_limit"},
                {"status=sleepy", "invalid_status"}}) {
            Api.Reply reply = alice.get("api/v1/users?" + bad[0]);
            assertThat(reply.status()).as(bad[0]).isEqualTo(400);
            assertThat(reply.json().get("error").asText()).as(bad[0]).isEqualTo(bad[1]);
        }
        String tooMany = String.join(",", java.util.Collections.nCopies(201, "u-x"));
        assertThat(alice.get("api/v1/users?ids=" + tooMany).json().get("error").asText()).isEqualTo("too_many_ids");
    }

    @Test
    void usersSetTheirNicknameAndStatus() {
        Api bruno = as("bruno");
        Api.Reply renamed = bruno.patch("api/v1/users/u-bruno", Map.of("nickname", "  Bubu  ", "status", "dnd"));
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.json().get("nickname").asText()).isEqualTo("Bubu");
        assertThat(renamed.json().get("displayName").asText()).isEqualTo("Bubu");
        assertThat(renamed.json().get("status").asText()).isEqualTo("dnd");
        assertThat(find(as("alice").get("api/v1/users").json().get("users"), "u-bruno").get("displayName").asText()).isEqualTo("Bubu");

        assertThat(bruno.patch("api/v1/users/u-bruno", Map.of("nickname", "", "status", "online")).json()
                .get("displayName").asText()).isEqualTo("Bruno Lefèvre");
        assertThat(bruno.patch("api/v1/users/u-bruno", Map.of("nickname", "x".repeat(65))).json().get("error").asText())
                .isEqualTo("invalid_nickname");
        assertThat(bruno.patch("api/v1/users/u-bruno", Map.of("status", "sleeping")).json().get("error").asText())
                .isEqualTo("invalid_status");
    }

    @Test
    void onlyErpAdminsEditOtherUsers() {
        Api.Reply refused = as("bruno").patch("api/v1/users/u-chloe", Map.of("nickname", "Piraté"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("error").asText()).isEqualTo("profile_not_editable");
        Api.Reply byAdmin = as("camille").patch("api/v1/users/u-chloe", Map.of("nickname", "Cloclo"));
        assertThat(byAdmin.status()).isEqualTo(200);
        assertThat(byAdmin.json().get("nickname").asText()).isEqualTo("Cloclo");
        // The database is shared with other classes: give Chloé her own name back.
        assertThat(as("camille").patch("api/v1/users/u-chloe", Map.of("nickname", "")).status()).isEqualTo(200);
        assertThat(as("camille").patch("api/v1/users/u-nobody", Map.of("nickname", "x")).status()).isEqualTo(404);
    }

    @Test
    void avatarUploadIsResizedAndServed() throws IOException {
        Api david = as("david");
        String before = david.get("api/v1/users/me").json().get("avatarUrl").asText();
        Api.Reply uploaded = david.send("PUT", "api/v1/users/u-david/avatar", "image/png", png(800, 600), Map.of());
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(200);
        String after = uploaded.json().get("avatarUrl").asText();
        assertThat(after).isNotEqualTo(before);

        HttpResponse<byte[]> picture = fetchBytes(after.replaceFirst("^/[^/]+/", ""), "david");
        assertThat(picture.statusCode()).isEqualTo(200);
        assertThat(picture.headers().firstValue("Content-Type")).hasValue("image/png");
        BufferedImage stored = ImageIO.read(new ByteArrayInputStream(picture.body()));
        assertThat(stored.getWidth()).isEqualTo(256);
        assertThat(stored.getHeight()).isEqualTo(256);

        assertThat(david.delete("api/v1/users/u-david/avatar").status()).isEqualTo(200);
        HttpResponse<byte[]> fallback = fetchBytes("api/v1/users/u-david/avatar", "david");
        assertThat(fallback.headers().firstValue("Content-Type").orElseThrow()).startsWith("image/svg+xml");
    }

    @Test
    void avatarUploadsAreCheckedForTypeAndSize() throws IOException {
        Api emilie = as("emilie");
        String path = "api/v1/users/u-emilie/avatar";
        String before = emilie.get("api/v1/users/me").json().get("avatarUrl").asText();
        Api.Reply wrongType = emilie.send("PUT", path, "application/pdf", "%PDF-1.4".getBytes(), Map.of());
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(wrongType.json().get("error").asText()).isEqualTo("unsupported_image_type");
        Api.Reply lying = emilie.send("PUT", path, "image/png", "<svg onload=alert(1)>".getBytes(), Map.of());
        assertThat(lying.status()).isEqualTo(415);
        Api.Reply tooBig = emilie.sendAlone("PUT", path, "image/png", new byte[5 * 1024 * 1024 + 10]);
        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(tooBig.json().get("error").asText()).isEqualTo("avatar_too_large");
        Api.Reply other = as("bruno").send("PUT", path, "image/png", png(10, 10), Map.of());
        assertThat(other.status()).isEqualTo(403);
        assertThat(emilie.get("api/v1/users/me").json().get("avatarUrl").asText()).as("no refused upload changed it")
                .isEqualTo(before);
    }

    @Test
    void anonymousCallsAre401AndUsersWithoutThePermission403() {
        Api.Reply anonymous = Api.anonymous(base).get("api/v1/channels");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("error").asText()).isEqualTo("unauthenticated");
        Api.Reply wrongPassword = Api.anonymous(base).send("GET", "api/v1/channels", null, new byte[0],
                Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString("alice:nope".getBytes())));
        assertThat(wrongPassword.status()).isEqualTo(401);
        Api.Reply gerard = as("gerard").get("api/v1/users");
        assertThat(gerard.status()).isEqualTo(403);
        assertThat(gerard.json().get("error").asText()).isEqualTo("permission_required");
    }

    @Test
    void writesFromAnotherSiteAreRefused() {
        Api.Reply forged = as("alice").send("POST", "api/v1/channels", "application/json",
                "{\"displayName\":\"CSRF\"}".getBytes(), Map.of("Origin", "https://evil.example"));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.json().get("error").asText()).isEqualTo("cross_origin_request");
        String sameOrigin = base.getProtocol() + "://" + base.getHost() + ":" + base.getPort();
        Api.Reply legit = as("alice").send("POST", "api/v1/channels", "application/json",
                ("{\"displayName\":\"Même origine\",\"name\":\"meme-origine-" + java.util.UUID.randomUUID().toString().substring(0, 8)
                        + "\"}").getBytes(StandardCharsets.UTF_8), Map.of("Origin", sameOrigin));
        assertThat(legit.status()).as(legit.toString()).isEqualTo(201);
    }

    @Test
    void errorsNeverLeakStackTracesAndUnknownPathsAreJson() {
        Api alice = as("alice");
        Api.Reply unknown = alice.get("api/v1/nothing-here");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").asText()).isEqualTo("not_found");
        Api.Reply wrongMethod = alice.send("PUT", "api/v1/channels", "application/json", "{}".getBytes(), Map.of());
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.json().get("error").asText()).isEqualTo("method_not_allowed");
        Api.Reply wrongType = alice.send("POST", "api/v1/channels", "text/plain", "hello".getBytes(), Map.of());
        assertThat(wrongType.status()).isEqualTo(415);
        Api.Reply badId = alice.get("api/v1/channels/abc");
        assertThat(badId.status()).isEqualTo(404);
        for (Api.Reply reply : new Api.Reply[] {unknown, wrongMethod, wrongType, badId}) {
            assertThat(reply.body()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void demoShellListsTheMenuEntryFromTheDescriptor() throws Exception {
        HttpClient client = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(base.toURI().resolve("demo/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("login=alice")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        HttpResponse<String> session = client.send(HttpRequest.newBuilder(base.toURI().resolve("demo/session")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(session.body()).contains("\"fr\":\"Clavardage\"").contains("\"parent\":\"metier\"");
        // The browser session also opens the API: the host's session is the module's sign-in.
        HttpResponse<String> me = client.send(HttpRequest.newBuilder(base.toURI().resolve("api/v1/users/me")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(me.body()).contains("\"id\":\"u-alice\"");
    }

    private HttpResponse<byte[]> fetchBytes(String path, String login) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.toURI().resolve(path))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((login + ":demo").getBytes()))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode find(JsonNode users, String id) {
        for (JsonNode user : users) {
            if (user.get("id").asText().equals(id)) {
                return user;
            }
        }
        throw new AssertionError(id + " not listed");
    }
}
