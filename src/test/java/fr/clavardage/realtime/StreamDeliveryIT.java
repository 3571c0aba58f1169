package fr.clavardage.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.clavardage.testing.Api;
import fr.clavardage.testing.EventStreamClient;
import fr.clavardage.testing.ModuleDeployment;
import fr.clavardage.testing.OnEachDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The stream under pressure, over real HTTP: a client that stops reading hurts only itself, a client
 * far behind is replayed in full on one connection, a purged position is reset, the log forgets the
 * text of deleted and edited posts, and membership changes take effect at once.
 */
@OnEachDatabase
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StreamDeliveryIT {

    private static final String PURPOSE = "delivery";
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration QUIET = Duration.ofMillis(1500);
    private static final Duration HEARTBEAT = Duration.ofSeconds(1);

    @Deployment(testable = false)
    static WebArchive deployment() {
        // A short heartbeat, so that a stalled stream is given up on (after two of them) within the test.
        System.setProperty("clavardage.stream.heartbeat", HEARTBEAT.toString());
        return ModuleDeployment.withDemoHost(PURPOSE);
    }

    @AfterAll
    static void restoreDefaults() {
        System.clearProperty("clavardage.stream.heartbeat");
    }

    @ArquillianResource
    URL base;

    private long channel(String owner, String type, String... members) {
        return Api.as(base, owner).newChannel("Pression", type, members);
    }

    private long post(String login, long channel, String text) {
        return Api.as(base, login).newPost(channel, text);
    }

    private static boolean isPost(JsonNode event, String type, long postId) {
        return event.get("type").asText().equals(type) && event.get("data").get("id").asLong() == postId;
    }

    private static boolean postIn(JsonNode event, Set<Long> channels) {
        return event.get("type").asText().startsWith("post.") && channels.contains(event.get("channelId").asLong());
    }

    /** The newest position the server gives a new client. */
    private String positionNow(String login) {
        try (EventStreamClient stream = EventStreamClient.open(base, login)) {
            assertThat(stream.first().get("type").asText()).isEqualTo(EventTypes.HELLO);
            return stream.lastId();
        }
    }

    // ---- a client that does not read ----

    /** A stream whose client never reads, with a tiny receive window: the server's writes stall at once. */
    private Socket stalledStream(String login) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(1024);
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
        String credentials = Base64.getEncoder().encodeToString((login + ":demo").getBytes(StandardCharsets.UTF_8));
        String request = "GET " + base.getPath() + "api/v1/stream HTTP/1.1\r\n"
                + "Host: " + base.getHost() + ":" + base.getPort() + "\r\n"
                + "Authorization: Basic " + credentials + "\r\n"
                + "Accept: text/event-stream\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    /**
     * Reads what the server sends, until it ends the stream ("closed") or, if it does not, until
     * {@code enough} holds for what arrived ("open") or a deadline passes.
     */
    private static String readAll(Socket socket, ByteArrayOutputStream into, java.util.function.Predicate<String> enough)
            throws IOException {
        socket.setSoTimeout(500);
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[64 * 1024];
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long nextCheck = 0;
        while (System.nanoTime() < deadline) {
            boolean quiet = false;
            try {
                int n = in.read(buffer);
                if (n == -1) {
                    return "closed";
                }
                into.write(buffer, 0, n);
            } catch (SocketTimeoutException e) {
                quiet = true;
            } catch (IOException reset) {
                return "closed";
            }
            // Decoding megabytes after every read made this loop quadratic, and too slow on a busy
            // machine to read a caught-up stream before its deadline: check when quiet or once a second.
            if (quiet || System.nanoTime() >= nextCheck) {
                if (enough.test(into.toString(StandardCharsets.UTF_8))) {
                    return "open";
                }
                nextCheck = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            }
        }
        return "open";
    }

    @Test
    void aClientThatStopsReadingDelaysNobodyElse() throws Exception {
        long crowded = channel("alice", "private", "u-bruno");
        long elsewhere = channel("camille", "private", "u-chloe");
        List<Socket> stalled = new ArrayList<>();
        List<Long> bigPosts = new ArrayList<>();
        try (EventStreamClient chloe = EventStreamClient.open(base, "chloe")) {
            for (int i = 0; i < 4; i++) {
                stalled.add(stalledStream("bruno"));
            }
            // 16,000 four-byte characters, about 64 KB per frame: 50 of them are more than the kernel's
            // socket buffers (about 2 MB on loopback here) and the stream's own queue together.
            String large = "🦉".repeat(16_000);
            long worst = 0;
            for (int i = 0; i < 50; i++) {
                bigPosts.add(post("alice", crowded, i + " " + large));
                long sent = System.nanoTime();
                long id = post("camille", elsewhere, "Petit message " + i);
                JsonNode received = chloe.next(Duration.ofSeconds(2), e -> isPost(e, EventTypes.POST_CREATED, id));
                assertThat(received).as("post %d reaches chloe within 2 s", i).isNotNull();
                worst = Math.max(worst, System.nanoTime() - sent);
            }
            System.out.println("[StreamDeliveryIT] slowest delivery next to 4 stalled streams: "
                    + Duration.ofNanos(worst).toMillis() + " ms");
        }
        // Two heartbeats without taking any output, then the next tick: the server gives up on them.
        Thread.sleep(HEARTBEAT.multipliedBy(4).toMillis());
        for (Socket socket : stalled) {
            try (socket) {
                ByteArrayOutputStream received = new ByteArrayOutputStream();
                java.util.function.Predicate<String> hasAll = text -> bigPosts.stream()
                        .allMatch(id -> text.contains("\"id\":" + id + ",\"channelId\":" + crowded));
                String outcome = readAll(socket, received, hasAll);
                String text = received.toString(StandardCharsets.UTF_8);
                boolean caughtUp = hasAll.test(text);
                System.out.println("[StreamDeliveryIT] stalled stream: " + outcome + " after " + received.size() + " bytes");
                assertThat(outcome.equals("closed") || caughtUp)
                        .as("a stalled stream is closed by the server, or has every post once it reads").isTrue();
                assertThat(text).startsWith("HTTP/1.1 200");
            }
        }
    }

    // ---- what an open stream holds ----

    @Test
    void anOpenStreamSendsThroughASmallBufferAndLargeEventsArriveWhole() throws Exception {
        long room = channel("alice", "private", "u-bruno");
        try (Socket socket = new Socket()) {
            openStream(socket, "bruno");
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            readAll(socket, raw, text -> Chunked.of(raw.toByteArray()).body().contains("stream.hello"));
            // About 14 KB: more than three times the stream's buffer.
            String large = "Le chat ronronne. ".repeat(800).strip();
            long id = post("alice", room, large);
            readAll(socket, raw, text -> Chunked.of(raw.toByteArray()).body().contains(large + "\""));

            Chunked response = Chunked.of(raw.toByteArray());
            assertThat(response.head()).startsWith("HTTP/1.1 200").contains("Transfer-Encoding: chunked");
            assertThat(response.body()).contains("\"id\":" + id + ",\"channelId\":" + room).contains(large);
            assertThat(response.chunkSizes()).as("chunks as sent, none larger than the stream's buffer")
                    .allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(StreamServlet.STREAM_BUFFER_SIZE));
            assertThat(response.chunkSizes()).as("the large post took several chunks").hasSizeGreaterThan(3);
        }
    }

    /**
     * Each stream tells its client how long to wait before reconnecting, before anything else and at
     * random within a range, so that the browsers of a restarted node come back spread over seconds.
     */
    @Test
    void eachStreamGivesItsClientAReconnectionDelayOfItsOwnBeforeItsFirstEvent() throws Exception {
        Set<Integer> delays = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            try (Socket socket = new Socket()) {
                openStream(socket, "bruno");
                ByteArrayOutputStream raw = new ByteArrayOutputStream();
                readAll(socket, raw, text -> Chunked.of(raw.toByteArray()).body().contains("stream.hello"));
                String body = Chunked.of(raw.toByteArray()).body();
                assertThat(body).as("the delay comes first, in a block of its own").matches("(?s)retry: \\d+\n\n.*");
                int delay = Integer.parseInt(body.substring("retry: ".length(), body.indexOf('\n')));
                assertThat(delay).isBetween(StreamConnection.RECONNECT_MIN_MS, StreamConnection.RECONNECT_MAX_MS);
                delays.add(delay);
            }
        }
        assertThat(delays).as("five streams, not all told the same delay").hasSizeGreaterThan(1);
    }

    /** Sends the stream's request for {@code login} over a plain socket, to read the response byte by byte. */
    private void openStream(Socket socket, String login) throws IOException {
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
        String credentials = Base64.getEncoder().encodeToString((login + ":demo").getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().write(("GET " + base.getPath() + "api/v1/stream HTTP/1.1\r\n"
                + "Host: " + base.getHost() + ":" + base.getPort() + "\r\n"
                + "Authorization: Basic " + credentials + "\r\n"
                + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    /** A chunked HTTP response as received so far: its head, the sizes of its complete chunks, their bytes. */
    private record Chunked(String head, List<Integer> chunkSizes, String body) {
        static Chunked of(byte[] bytes) {
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            int at = text.indexOf("\r\n\r\n");
            if (at < 0) {
                return new Chunked(text, List.of(), "");
            }
            String head = text.substring(0, at);
            at += 4;
            List<Integer> sizes = new ArrayList<>();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (int lineEnd; (lineEnd = text.indexOf("\r\n", at)) >= 0; ) {
                int size = Integer.parseInt(text.substring(at, lineEnd).strip(), 16);
                if (lineEnd + 2 + size > bytes.length) {
                    break;
                }
                sizes.add(size);
                body.write(bytes, lineEnd + 2, size);
                at = lineEnd + 2 + size + 2;
            }
            return new Chunked(head, sizes, body.toString(StandardCharsets.UTF_8));
        }
    }

    // ---- resuming far behind ----

    @Test
    void resumingFarBehindReplaysEveryMissedEventOnceOnOneConnection() throws Exception {
        long[] open = {
                channel("alice", "public", "u-david"), channel("bruno", "public", "u-david"),
                channel("camille", "private", "u-david"), channel("emilie", "private", "u-david")};
        String[] authors = {"alice", "bruno", "camille", "emilie"};
        long secret = channel("francois", "private", "u-alice");
        Set<Long> visibleChannels = Set.of(open[0], open[1], open[2], open[3]);
        String from = positionNow("david");

        Set<Long> expected = ConcurrentHashMap.newKeySet();
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                done.add(writers.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        expected.add(post(authors[writer], open[writer], "Rattrapage " + writer + "-" + i
                                + " : de quoi remplir quelques pages du journal sans trop attendre."));
                    }
                }));
            }
            for (int i = 0; i < 20; i++) {
                post("francois", secret, "Pas pour David " + i);
            }
            for (Future<?> writer : done) {
                writer.get();
            }
        } finally {
            writers.shutdown();
        }
        assertThat(expected).hasSize(2000);

        try (EventStreamClient david = EventStreamClient.open(base, "david", from)) {
            List<Long> received = new ArrayList<>();
            List<Long> eventIds = new ArrayList<>();
            List<JsonNode> markers = new ArrayList<>();
            JsonNode first = david.first();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            for (JsonNode event = first; event != null && received.size() < expected.size() && System.nanoTime() < deadline;
                 event = david.next(Duration.ofSeconds(10), e -> true)) {
                String type = event.get("type").asText();
                if (type.startsWith("stream.")) {
                    markers.add(event);
                }
                assertThat(event.get("channelId").isNull() || event.get("channelId").asLong() != secret)
                        .as("nothing of a channel david is not in").isTrue();
                if (postIn(event, visibleChannels)) {
                    received.add(event.get("data").get("id").asLong());
                    eventIds.add(event.get("id").asLong());
                }
            }
            assertThat(markers).noneMatch(m -> m.get("type").asText().equals(EventTypes.RESET));
            assertThat(received).as("every missed post").hasSize(expected.size());
            assertThat(new HashSet<>(received)).as("each once").hasSize(expected.size()).isEqualTo(expected);
            assertThat(eventIds).as("in log order").isSorted();

            long live = post("alice", open[0], "Et maintenant en direct");
            assertThat(david.next(WAIT, e -> isPost(e, EventTypes.POST_CREATED, live))).as("then live, on the same connection").isNotNull();
        }
    }

    // ---- purged positions ----

    @Test
    void aPositionOlderThanTheLogIsReset() throws Exception {
        long channel = channel("alice", "public", "u-emilie");
        String from = positionNow("emilie");
        post("alice", channel, "un");
        post("alice", channel, "deux");
        post("alice", channel, "trois");
        // What the retention purge does after a day: the events just after that position are gone.
        try (Connection c = DriverManager.getConnection(ModuleDeployment.database(PURPOSE));
             Statement s = c.createStatement()) {
            s.executeUpdate("delete from clv_event where id <= " + (Long.parseLong(from) + 1));
        }
        try (EventStreamClient emilie = EventStreamClient.open(base, "emilie", from)) {
            JsonNode first = emilie.first();
            assertThat(first.get("type").asText()).isEqualTo(EventTypes.RESET);
            assertThat(first.get("id").asLong()).as("the newest position").isGreaterThan(Long.parseLong(from));
            assertThat(emilie.next(QUIET, e -> postIn(e, Set.of(channel)))).as("nothing replayed after a reset").isNull();
        }
    }

    // ---- what the log keeps of edited and deleted posts ----

    @Test
    void theLogForgetsTheTextOfDeletedAndEditedPosts() throws Exception {
        long channel = channel("alice", "private", "u-francois");
        String from = positionNow("francois");
        long edited = post("alice", channel, "Première version du compte rendu");
        assertThat(Api.as(base, "alice").patch("api/v1/posts/" + edited, Map.of("message", "Version corrigée")).status()).isEqualTo(200);
        long deleted = post("alice", channel, "Mot de passe du wifi : hibou42");
        Api.as(base, "alice").patch("api/v1/posts/" + deleted, Map.of("message", "Mot de passe : hibou43"));
        assertThat(Api.as(base, "alice").delete("api/v1/posts/" + deleted).status()).isEqualTo(204);

        try (EventStreamClient francois = EventStreamClient.open(base, "francois", from)) {
            List<JsonNode> replayed = new ArrayList<>();
            replayed.add(francois.first());
            replayed.addAll(francois.drain(QUIET));
            List<JsonNode> posts = replayed.stream().filter(e -> postIn(e, Set.of(channel))).toList();
            String all = posts.toString();
            assertThat(all).doesNotContain("hibou", "Première version");
            assertThat(posts).anyMatch(e -> isPost(e, EventTypes.POST_DELETED, deleted));
            assertThat(posts).filteredOn(e -> isPost(e, EventTypes.POST_CREATED, deleted))
                    .singleElement().satisfies(e -> assertThat(e.get("data").get("redacted").asBoolean()).isTrue());
            JsonNode latest = posts.stream().filter(e -> isPost(e, EventTypes.POST_EDITED, edited)).reduce((a, b) -> b).orElseThrow();
            assertThat(latest.get("data").get("message").asText()).isEqualTo("Version corrigée");
        }
        try (Connection c = DriverManager.getConnection(ModuleDeployment.database(PURPOSE));
             Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("select count(*) from clv_event where payload like '%hibou%' or payload like '%Première version%'")) {
            rows.next();
            assertThat(rows.getInt(1)).as("events still holding the old text").isZero();
        }
    }

    // ---- membership at delivery ----

    @Test
    void membershipChangesTakeEffectAtOnce() {
        long channel = channel("alice", "private");
        try (EventStreamClient camille = EventStreamClient.open(base, "camille")) {
            Api.as(base, "alice").post("api/v1/channels/" + channel + "/members", Map.of("userId", "u-camille"));
            long first = post("alice", channel, "Bienvenue");
            assertThat(camille.next(WAIT, e -> isPost(e, EventTypes.POST_CREATED, first))).as("added: receives at once").isNotNull();

            Api.as(base, "alice").delete("api/v1/channels/" + channel + "/members/u-camille");
            long hidden = post("alice", channel, "Entre nous");
            assertThat(camille.next(EventTypes.MEMBER_REMOVED, WAIT)).isNotNull();
            assertThat(camille.next(QUIET, e -> isPost(e, EventTypes.POST_CREATED, hidden))).as("removed: nothing more").isNull();

            Api.as(base, "alice").post("api/v1/channels/" + channel + "/members", Map.of("userId", "u-camille"));
            long again = post("alice", channel, "Re-bienvenue");
            assertThat(camille.next(WAIT, e -> isPost(e, EventTypes.POST_CREATED, again))).as("added again").isNotNull();

            // A channel created while connected: its creator receives it without a member.added.
            long own = channel("camille", "private", "u-bruno");
            long reply = post("bruno", own, "Réponse dans le canal de Camille");
            assertThat(camille.next(WAIT, e -> isPost(e, EventTypes.POST_CREATED, reply))).as("creator receives").isNotNull();
        }
    }

    // ---- the servlet answers like the API ----

    @Test
    void errorsHaveTheApiBodyAndHeaders() {
        Api.Reply anonymous = Api.anonymous(base).get("api/v1/stream");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("error").asText()).isEqualTo("unauthenticated");
        assertThat(anonymous.header("Content-Type")).startsWith("application/json");
        assertThat(anonymous.header("Cache-Control")).isEqualTo("no-store");
        assertThat(anonymous.header("X-Content-Type-Options")).isEqualTo("nosniff");

        Api.Reply withoutRight = Api.as(base, "gerard").get("api/v1/stream");
        assertThat(withoutRight.status()).isEqualTo(403);
        assertThat(withoutRight.json().get("error").asText()).isEqualTo("permission_required");

        Api.Reply posted = Api.as(base, "alice").post("api/v1/stream", "");
        assertThat(posted.status()).isEqualTo(405);
        assertThat(posted.json().get("error").asText()).isEqualTo("method_not_allowed");
    }
}
