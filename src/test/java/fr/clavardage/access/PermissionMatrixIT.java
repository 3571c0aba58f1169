package fr.clavardage.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.clavardage.ApiApplication;
import fr.clavardage.testing.Api;
import fr.clavardage.testing.ModuleDeployment;
import fr.clavardage.testing.OnEachDatabase;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every endpoint × every kind of caller × every kind of channel, over real HTTP: allowed or refused as
 * {@link #MATRIX} says, and a refusal leaks nothing. Where a private channel is hidden from the caller,
 * the answer is compared byte for byte (status, content type, body) with the answer about a channel or
 * post that does not exist, and no answer to someone outside the private channel carries its secret
 * marker (its display name and first post hold it). The endpoints are read from the JAX-RS resources
 * by reflection, so an endpoint added without a row here fails {@link #everyEndpointHasARow}.
 * {@code EventMatrixIT} does the same for the event stream.
 */
@OnEachDatabase
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PermissionMatrixIT {

    /**
     * The expected answers. Columns: method, path, body (JSON without spaces, {@code -} for none), the
     * channel kind ({@code -} when no channel is involved), the target ({@code shared}: fixtures made once
     * per kind; {@code fresh}: a new channel and post for each call, for requests that change who is in a
     * channel or delete a post), then one cell per actor:
     * <ul>
     * <li>anonymous: no host user;</li>
     * <li>no-right: {@code gerard}, a host user without {@code clavardage.use};</li>
     * <li>outsider: {@code david}, not a member of the channel;</li>
     * <li>member: {@code bruno}, a member, author of the channel's post and, for {@code /users/{userId}}
     *     rows, the user concerned (so that column is "oneself");</li>
     * <li>ch-admin: {@code alice}, who created the channel;</li>
     * <li>erp-admin: {@code camille}, who holds {@code clavardage.admin} and is not a member.</li>
     * </ul>
     * Cells: {@code ok} any 2xx; {@code anon} 401 unauthenticated; {@code right} 403 permission_required;
     * {@code hid} 404 exactly as for a missing channel or post; {@code ncm} 403 not_channel_member;
     * {@code nca} 403 not_channel_admin; {@code npa} 403 not_post_author; {@code npe} 403
     * profile_not_editable; {@code taken} 409 channel_name_taken.
     * Placeholders: {@code {channelId}}, {@code {postId}}, {@code {name}} (the channel's URL name) come from
     * the target; {@code {userId}} is the member's id, {@code {self}} the caller's, {@code {text}} a fresh text.
     */
    static final String MATRIX = """
            # method path                                      body                                              kind    target anonymous no-right outsider member ch-admin erp-admin
            GET    channels                                    -                                                 -       shared anon right ok    ok    ok    ok
            GET    channels/public                             -                                                 -       shared anon right ok    ok    ok    ok
            POST   channels                                    {"displayName":"Doublon","name":"{name}","type":"public"}  public  shared anon right taken taken taken taken
            POST   channels                                    {"displayName":"Doublon","name":"{name}","type":"private"} private shared anon right ok    taken taken ok
            GET    channels/{channelId}                        -                                                 public  shared anon right ok    ok    ok    ok
            GET    channels/{channelId}                        -                                                 private shared anon right hid   ok    ok    hid
            PATCH  channels/{channelId}                        {"color":"#123456"}                               public  shared anon right nca   nca   ok    ok
            PATCH  channels/{channelId}                        {"color":"#123456"}                               private shared anon right hid   nca   ok    hid
            GET    channels/{channelId}/members                -                                                 public  shared anon right ok    ok    ok    ok
            GET    channels/{channelId}/members                -                                                 private shared anon right hid   ok    ok    hid
            POST   channels/{channelId}/members                {"userId":"{self}"}                               public  fresh  anon right ok    ok    ok    ok
            POST   channels/{channelId}/members                {"userId":"{self}"}                               private fresh  anon right hid   ok    ok    hid
            POST   channels/{channelId}/members                {"userId":"u-chloe"}                              public  fresh  anon right ncm   ok    ok    ncm
            POST   channels/{channelId}/members                {"userId":"u-chloe"}                              private fresh  anon right hid   ok    ok    hid
            DELETE channels/{channelId}/members/{userId}       -                                                 public  fresh  anon right nca   ok    ok    ok
            DELETE channels/{channelId}/members/{userId}       -                                                 private fresh  anon right hid   ok    ok    hid
            PATCH  channels/{channelId}/members/{userId}       {"role":"admin"}                                  public  fresh  anon right nca   nca   ok    ok
            PATCH  channels/{channelId}/members/{userId}       {"role":"admin"}                                  private fresh  anon right hid   nca   ok    hid
            GET    channels/{channelId}/posts                  -                                                 public  shared anon right ok    ok    ok    ok
            GET    channels/{channelId}/posts                  -                                                 private shared anon right hid   ok    ok    hid
            POST   channels/{channelId}/posts                  {"message":"{text}"}                              public  shared anon right ncm   ok    ok    ncm
            POST   channels/{channelId}/posts                  {"message":"{text}"}                              private shared anon right hid   ok    ok    hid
            POST   channels/{channelId}/read                   -                                                 public  shared anon right ncm   ok    ok    ncm
            POST   channels/{channelId}/read                   -                                                 private shared anon right hid   ok    ok    hid
            POST   channels/{channelId}/typing                 -                                                 public  shared anon right ncm   ok    ok    ncm
            POST   channels/{channelId}/typing                 -                                                 private shared anon right hid   ok    ok    hid
            GET    posts/{postId}                              -                                                 public  shared anon right ok    ok    ok    ok
            GET    posts/{postId}                              -                                                 private shared anon right hid   ok    ok    hid
            PATCH  posts/{postId}                              {"message":"{text}"}                              public  fresh  anon right npa   ok    npa   npa
            PATCH  posts/{postId}                              {"message":"{text}"}                              private fresh  anon right hid   ok    npa   hid
            DELETE posts/{postId}                              -                                                 public  fresh  anon right npa   ok    npa   ok
            DELETE posts/{postId}                              -                                                 private fresh  anon right hid   ok    npa   hid
            GET    users                                       -                                                 -       shared anon right ok    ok    ok    ok
            GET    users/me                                    -                                                 -       shared anon right ok    ok    ok    ok
            GET    users/{userId}                              -                                                 -       shared anon right ok    ok    ok    ok
            PATCH  users/{userId}                              {}                                                -       shared anon right npe   ok    npe   ok
            PUT    users/{userId}/avatar                       <png>                                             -       shared anon right npe   ok    npe   ok
            DELETE users/{userId}/avatar                       -                                                 -       shared anon right npe   ok    npe   ok
            GET    users/{userId}/avatar                       -                                                 -       shared anon right ok    ok    ok    ok
            GET    me                                          -                                                 -       shared anon right ok    ok    ok    ok
            PATCH  me/preferences                              {}                                                -       shared anon right ok    ok    ok    ok
            POST   me/activity                                 -                                                 -       shared anon right ok    ok    ok    ok
            GET    emoji                                       -                                                 -       shared anon right ok    ok    ok    ok
            GET    stream                                      -                                                 -       shared anon right ok    ok    ok    ok
            """;

    static final List<String> ACTORS = List.of("anonymous", "no-right", "outsider", "member", "ch-admin", "erp-admin");
    private static final Map<String, String> LOGINS = Map.of("no-right", "gerard", "outsider", "david",
            "member", "bruno", "ch-admin", "alice", "erp-admin", "camille");
    /** Who never sits in a private channel of the matrix: nothing of one may reach them. */
    private static final Set<String> OUTSIDE_PRIVATE = Set.of("anonymous", "no-right", "outsider", "erp-admin");
    /** The endpoint served outside JAX-RS (a servlet of its own). */
    private static final Set<String> SERVLET_ENDPOINTS = Set.of("GET stream");
    /** No channel or post has this id: JavaScript's largest safe integer. */
    static final long MISSING = 9_007_199_254_740_991L;
    /** Held by every private channel's display name and first post, and by nothing else. */
    static final String SECRET = "zsecret" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    record Row(String method, String path, String body, String kind, boolean fresh, List<String> cells, int line) {
        String endpoint() {
            return method + " " + path;
        }

        String scope() {
            return path.contains("{postId}") ? "post" : path.contains("{channelId}") ? "channel" : "none";
        }

        @Override
        public String toString() {
            return endpoint() + (body.equals("-") ? "" : " " + body) + (kind.equals("-") ? "" : " [" + kind + "]");
        }
    }

    /** A channel of one kind, made by the channel admin, with the member in it and one post of theirs. */
    record Target(long channelId, String name, long postId) {
    }

    static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        String[] lines = MATRIX.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] t = line.split("\\s+");
            if (t.length != 5 + ACTORS.size()) {
                throw new IllegalStateException("Matrix line " + (i + 1) + " has " + t.length + " columns: " + line);
            }
            rows.add(new Row(t[0], t[1], t[2], t[3], t[4].equals("fresh"),
                    List.of(Arrays.copyOfRange(t, 5, t.length)), i + 1));
        }
        return rows;
    }

    /** Every endpoint the API serves, as "METHOD path" under /api/v1, read from the resources themselves. */
    static Set<String> servedEndpoints() {
        Set<String> endpoints = new TreeSet<>(SERVLET_ENDPOINTS);
        for (Class<?> type : new ApiApplication().getClasses()) {
            Path root = type.getAnnotation(Path.class);
            if (root == null) {
                continue;
            }
            for (Method method : type.getMethods()) {
                String verb = null;
                for (Annotation annotation : method.getAnnotations()) {
                    HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
                    if (http != null) {
                        verb = http.value();
                    }
                }
                if (verb == null) {
                    continue;
                }
                Path sub = method.getAnnotation(Path.class);
                String path = trim(root.value()) + (sub == null ? "" : "/" + trim(sub.value()));
                endpoints.add(verb + " " + path);
            }
        }
        return endpoints;
    }

    private static String trim(String path) {
        return path.replaceAll("^/+|/+$", "");
    }

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ModuleDeployment.shared();
    }

    @ArquillianResource
    URL base;

    private static Map<String, Target> shared;

    @Test
    void everyEndpointHasARow() {
        Set<String> inTable = rows().stream().map(Row::endpoint).collect(Collectors.toCollection(TreeSet::new));
        assertThat(inTable).as("endpoints in the matrix = endpoints the API serves").isEqualTo(servedEndpoints());
        for (Row row : rows()) {
            assertThat(row.cells()).as(row + ": known cells").allMatch(c -> Set.of(
                    "ok", "anon", "right", "hid", "ncm", "nca", "npa", "npe", "taken").contains(c));
            if (!row.scope().equals("none")) {
                assertThat(rows()).as(row + ": a channel endpoint has a public and a private row")
                        .anyMatch(r -> r.endpoint().equals(row.endpoint()) && r.body().equals(row.body())
                                && !r.kind().equals(row.kind()));
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> everyEndpointForEveryActorAndChannelKind() {
        synchronized (PermissionMatrixIT.class) {
            if (shared == null) {
                shared = Map.of("public", target("public"), "private", target("private"));
            }
        }
        return rows().stream().flatMap(row -> ACTORS.stream().map(actor -> DynamicTest.dynamicTest(
                "line " + row.line() + ": " + actor + " " + row + " → " + row.cells().get(ACTORS.indexOf(actor)),
                () -> check(row, actor))));
    }

    private void check(Row row, String actor) throws Exception {
        String cell = row.cells().get(ACTORS.indexOf(actor));
        Target target = row.kind().equals("-") ? null : row.fresh() ? target(row.kind()) : shared.get(row.kind());
        Answer answer = call(row, actor, target, false);
        String why = actor + " " + row + " answered " + answer;
        switch (cell) {
            case "ok" -> assertThat(answer.status()).as(why).isBetween(200, 299);
            case "anon" -> assertRefused(answer, 401, "unauthenticated", why);
            case "right" -> assertRefused(answer, 403, "permission_required", why);
            case "ncm" -> assertRefused(answer, 403, "not_channel_member", why);
            case "nca" -> assertRefused(answer, 403, "not_channel_admin", why);
            case "npa" -> assertRefused(answer, 403, "not_post_author", why);
            case "npe" -> assertRefused(answer, 403, "profile_not_editable", why);
            case "taken" -> assertRefused(answer, 409, "channel_name_taken", why);
            case "hid" -> {
                assertRefused(answer, 404, row.scope().equals("post") ? "post_not_found" : "channel_not_found", why);
                Answer missing = call(row, actor, target, true);
                assertThat(answer.status()).as(why + ", missing: " + missing).isEqualTo(missing.status());
                assertThat(answer.contentType()).as(why + ", missing: " + missing).isEqualTo(missing.contentType());
                assertThat(answer.body()).as(why + ", byte for byte as when missing").isEqualTo(missing.body());
            }
            default -> throw new IllegalStateException("Unknown cell " + cell);
        }
        if (OUTSIDE_PRIVATE.contains(actor)) {
            assertThat(answer.body()).as(why + ": nothing of a private channel").doesNotContain(SECRET);
        }
        if (row.path().startsWith("users/{userId}/avatar") && cell.equals("ok") && !row.method().equals("GET")) {
            // Leave the member's picture as the other classes expect it: the default one.
            Api.as(base, "bruno").delete("api/v1/users/u-bruno/avatar");
        }
    }

    private static void assertRefused(Answer answer, int status, String code, String why) throws IOException {
        assertThat(answer.status()).as(why).isEqualTo(status);
        assertThat(answer.contentType()).as(why).startsWith("application/json");
        JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body());
        assertThat(body.path("error").asText()).as(why).isEqualTo(code);
    }

    /** A channel of {@code kind} made by alice with bruno in it and one post by bruno. */
    private Target target(String kind) {
        Api alice = Api.as(base, "alice");
        String name = "m-" + UUID.randomUUID().toString().substring(0, 13);
        String displayName = kind.equals("private") ? "Secret " + SECRET : "Matrice publique";
        Api.Reply created = alice.post("api/v1/channels", Map.of("displayName", displayName, "name", name, "type", kind));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long channelId = created.json().get("id").asLong();
        Api.Reply added = alice.post("api/v1/channels/" + channelId + "/members", Map.of("userId", "u-bruno"));
        assertThat(added.status()).as(added.toString()).isEqualTo(200);
        long postId = Api.as(base, "bruno").newPost(channelId,
                kind.equals("private") ? "Le code du coffre " + SECRET : "Bonjour à tous");
        return new Target(channelId, name, postId);
    }

    record Answer(int status, String contentType, String body) {
        @Override
        public String toString() {
            return status + " " + contentType + " " + body;
        }
    }

    private Answer call(Row row, String actor, Target target, boolean missing) throws Exception {
        String self = LOGINS.containsKey(actor) ? "u-" + LOGINS.get(actor) : "u-nobody";
        String text = "Matrice " + UUID.randomUUID();
        String path = row.path()
                .replace("{channelId}", String.valueOf(target == null ? 0 : missing && row.scope().equals("channel") ? MISSING : target.channelId()))
                .replace("{postId}", String.valueOf(target == null ? 0 : missing ? MISSING : target.postId()))
                .replace("{userId}", "u-bruno");
        String body = row.body().replace("{self}", self).replace("{text}", text)
                .replace("{name}", target == null ? "" : target.name());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "api/v1/" + path))
                .timeout(Duration.ofSeconds(30));
        if (LOGINS.containsKey(actor)) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((LOGINS.get(actor) + ":demo").getBytes(StandardCharsets.UTF_8)));
        }
        if (body.equals("<png>")) {
            request.header("Content-Type", "image/png").method(row.method(), HttpRequest.BodyPublishers.ofByteArray(png()));
        } else if (!body.equals("-")) {
            request.header("Content-Type", "application/json").method(row.method(), HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(row.method(), HttpRequest.BodyPublishers.noBody());
        }
        if (row.endpoint().equals("GET stream")) {
            return openStream(request.header("Accept", "text/event-stream").build());
        }
        HttpResponse<String> response;
        try {
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException stale) {
            // A pooled connection the server had closed after answering early (a refused upload it did
            // not read): the request never reached it, so sending again is safe.
            if (!String.valueOf(stale.getMessage()).contains("received no bytes")) {
                throw stale;
            }
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    /** Streams are hung up on: their connections stay out of the pool the other requests use. */
    private static final HttpClient STREAMS = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** The stream stays open: read its status and first event (or its whole error body), then hang up. */
    private static Answer openStream(HttpRequest request) throws Exception {
        HttpResponse<InputStream> response = STREAMS.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                .get(10, TimeUnit.SECONDS);
        String type = response.headers().firstValue("Content-Type").orElse("");
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                return new Answer(response.statusCode(), type, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            assertThat(type).startsWith("text/event-stream");
            ByteArrayOutputStream first = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1) {
                first.write(b);
                if (first.toString(StandardCharsets.UTF_8).contains("\n\n")) {
                    break;
                }
            }
            return new Answer(200, type, first.toString(StandardCharsets.UTF_8));
        }
    }

    private static byte[] png() throws IOException {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
