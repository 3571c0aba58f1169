package fr.clavardage.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.clavardage.realtime.EventTypes;
import fr.clavardage.testing.Api;
import fr.clavardage.testing.EventStreamClient;
import fr.clavardage.testing.ModuleDeployment;
import fr.clavardage.testing.OnEachDatabase;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
 * Every event type × every kind of stream reader × every kind of channel, over real SSE: who receives
 * what live, and again when resuming from before it all, as {@link #MATRIX} says; and nothing of a
 * private channel (its id, its name, its posts) reaches a reader outside it, live or replayed. The
 * anonymous caller and the user without {@code clavardage.use} cannot open a stream at all
 * ({@link PermissionMatrixIT}'s {@code GET stream} row). The types are read from {@link EventTypes},
 * so a new type without a row fails {@link #everyEventTypeHasARow}.
 */
@OnEachDatabase
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EventMatrixIT {

    /**
     * Columns: type, channel kind ({@code -} for events about no channel), then whether each reader
     * receives it: outsider {@code david} (not a member), member {@code bruno} (who acts: posts, edits,
     * reads, types, changes his profile and status), ch-admin {@code alice} (who creates the channel,
     * renames it, promotes {@code bruno} to channel admin and back, adds and removes {@code chloe}),
     * erp-admin {@code camille} (not a member).
     * Cells: {@code yes} live and when resuming, {@code no} neither, {@code live} live only ({@code typing}
     * and {@code channel.viewed} are not logged), {@code replay} only when resuming: the audience is checked at delivery, and by then
     * the member was added to the channel created before. {@code stream.hello} and {@code stream.reset}
     * are written by each connection for itself (the first on opening, the second for a forged position).
     */
    static final String MATRIX = """
            # type           kind     outsider member ch-admin erp-admin
            channel.created  public   no       replay yes      no
            channel.created  private  no       replay yes      no
            member.added     public   no       yes    yes      no
            member.added     private  no       yes    yes      no
            post.created     public   no       yes    yes      no
            post.created     private  no       yes    yes      no
            post.edited      public   no       yes    yes      no
            post.edited      private  no       yes    yes      no
            channel.viewed   public   no       live   no       no
            channel.viewed   private  no       live   no       no
            channel.updated  public   no       yes    yes      no
            channel.updated  private  no       yes    yes      no
            member.updated   public   no       yes    yes      no
            member.updated   private  no       yes    yes      no
            member.removed   public   no       yes    yes      no
            member.removed   private  no       yes    yes      no
            typing           public   no       live   live     no
            typing           private  no       live   live     no
            post.deleted     public   no       yes    yes      no
            post.deleted     private  no       yes    yes      no
            profile.changed  -        yes      yes    yes      yes
            status.changed   -        yes      yes    yes      yes
            stream.hello     -        yes      yes    yes      yes
            stream.reset     -        yes      yes    yes      yes
            """;

    static final List<String> READERS = List.of("outsider", "member", "ch-admin", "erp-admin");
    private static final Map<String, String> LOGINS = Map.of("outsider", "david", "member", "bruno",
            "ch-admin", "alice", "erp-admin", "camille");
    private static final Set<String> OUTSIDE_PRIVATE = Set.of("outsider", "erp-admin");
    private static final Duration WAIT = Duration.ofSeconds(20);
    static final String SECRET = "zsecret" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    /** Held by both versions of a post that is then deleted: no replay may carry it any more. */
    static final String GONE = "zgone" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    record Row(String type, String kind, List<String> cells) {
        boolean live(int reader) {
            return Set.of("yes", "live").contains(cells.get(reader));
        }

        boolean replayed(int reader) {
            return Set.of("yes", "replay").contains(cells.get(reader));
        }
    }

    static List<Row> rows() {
        return MATRIX.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).map(line -> {
            String[] t = line.split("\\s+");
            if (t.length != 2 + READERS.size()) {
                throw new IllegalStateException("Matrix line has " + t.length + " columns: " + line);
            }
            List<String> cells = List.of(Arrays.copyOfRange(t, 2, t.length));
            if (!Set.of("yes", "no", "live", "replay").containsAll(cells)) {
                throw new IllegalStateException("yes, no, live or replay: " + line);
            }
            return new Row(t[0], t[1], cells);
        }).toList();
    }

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ModuleDeployment.shared();
    }

    @ArquillianResource
    URL base;

    @Test
    void everyEventTypeHasARow() throws IllegalAccessException {
        Set<String> types = new TreeSet<>();
        for (Field field : EventTypes.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                types.add((String) field.get(null));
            }
        }
        Set<String> inTable = rows().stream().map(Row::type).collect(Collectors.toCollection(TreeSet::new));
        assertThat(inTable).as("event types in the matrix = EventTypes").isEqualTo(types);
    }

    /** What one reader got: live on a stream opened before it all, and on a stream resumed from then. */
    record Seen(List<JsonNode> live, List<JsonNode> replayed, JsonNode hello, JsonNode reset) {
    }

    @TestFactory
    Stream<DynamicTest> everyEventForEveryReaderAndChannelKind() throws Exception {
        Map<String, EventStreamClient> live = new LinkedHashMap<>();
        Map<String, Seen> seen = new HashMap<>();
        Map<String, Long> channels = new HashMap<>();
        String nickname = "Matrice-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            for (String reader : READERS) {
                live.put(reader, EventStreamClient.open(base, LOGINS.get(reader)));
            }
            String from = live.get("outsider").lastId();
            Api alice = Api.as(base, "alice");
            Api bruno = Api.as(base, "bruno");
            for (String kind : List.of("public", "private")) {
                String secret = kind.equals("private") ? " " + SECRET : "";
                Api.Reply created = alice.post("api/v1/channels", Map.of("displayName", "Événements" + secret,
                        "name", "e-" + UUID.randomUUID().toString().substring(0, 13), "type", kind));
                assertThat(created.status()).as(created.toString()).isEqualTo(201);
                long channel = created.json().get("id").asLong();
                channels.put(kind, channel);
                String members = "api/v1/channels/" + channel + "/members";
                ok(alice.post(members, Map.of("userId", "u-bruno")));
                long post = bruno.newPost(channel, "Premier jet " + GONE + secret);
                ok(bruno.patch("api/v1/posts/" + post, Map.of("message", "Version finale " + GONE + secret)));
                alice.newPost(channel, "À lire" + secret);
                ok(bruno.post("api/v1/channels/" + channel + "/read", ""));
                ok(alice.patch("api/v1/channels/" + channel, Map.of("color", "#654321")));
                ok(alice.patch(members + "/u-bruno", Map.of("role", "admin")));
                ok(alice.patch(members + "/u-bruno", Map.of("role", "member")));
                ok(alice.post(members, Map.of("userId", "u-chloe")));
                ok(alice.delete(members + "/u-chloe"));
                ok(bruno.post("api/v1/channels/" + channel + "/typing", ""));
                ok(bruno.delete("api/v1/posts/" + post));
            }
            ok(bruno.patch("api/v1/users/u-bruno", Map.of("nickname", nickname, "status", "dnd")));
            ok(bruno.patch("api/v1/users/u-bruno", Map.of("status", "online")));
            // The last event of all, which every reader receives: after it, everything else has come.
            ok(bruno.patch("api/v1/users/u-bruno", Map.of("nickname", "")));
            Predicate<JsonNode> sentinel = e -> e.get("type").asText().equals(EventTypes.PROFILE_CHANGED)
                    && e.get("data").get("userId").asText().equals("u-bruno") && e.get("data").get("nickname").isNull();

            for (String reader : READERS) {
                List<JsonNode> got = collect(live.get(reader), sentinel, e -> isStatus(e, "dnd"));
                List<JsonNode> replayed;
                try (EventStreamClient resumed = EventStreamClient.open(base, LOGINS.get(reader), from)) {
                    replayed = new ArrayList<>(List.of(resumed.first()));
                    replayed.addAll(collect(resumed, sentinel, e -> true));
                }
                JsonNode reset;
                try (EventStreamClient forged = EventStreamClient.open(base, LOGINS.get(reader), "-1")) {
                    reset = forged.first();
                }
                seen.put(reader, new Seen(got, replayed, live.get(reader).first(), reset));
            }
        } finally {
            live.values().forEach(EventStreamClient::close);
        }

        List<DynamicTest> tests = new ArrayList<>();
        for (Row row : rows()) {
            for (String reader : READERS) {
                boolean expected = row.live(READERS.indexOf(reader));
                boolean expectedOnReplay = row.replayed(READERS.indexOf(reader));
                Seen got = seen.get(reader);
                Predicate<JsonNode> matches = matcher(row, channels, nickname);
                tests.add(DynamicTest.dynamicTest(row.type() + " " + row.kind() + " → " + reader + " live: "
                        + (expected ? "receives" : "nothing"), () -> {
                    switch (row.type()) {
                        case EventTypes.HELLO -> assertThat(got.hello().get("type").asText()).isEqualTo(EventTypes.HELLO);
                        case EventTypes.RESET -> assertThat(got.reset().get("type").asText()).isEqualTo(EventTypes.RESET);
                        default -> assertThat(got.live().stream().anyMatch(matches))
                                .as(reader + " received " + row.type() + " " + row.kind() + " live").isEqualTo(expected);
                    }
                }));
                if (!row.type().startsWith("stream.")) {
                    tests.add(DynamicTest.dynamicTest(row.type() + " " + row.kind() + " → " + reader + " resumed: "
                            + (expectedOnReplay ? "receives" : "nothing"), () -> assertThat(got.replayed().stream().anyMatch(matches))
                            .as(reader + " replayed " + row.type() + " " + row.kind()).isEqualTo(expectedOnReplay)));
                }
            }
        }
        for (String reader : READERS) {
            tests.add(DynamicTest.dynamicTest("resumed by " + reader + ": no text of the edited then deleted posts", () -> {
                assertThat(seen.get(reader).replayed().toString()).doesNotContain(GONE);
                if (!OUTSIDE_PRIVATE.contains(reader)) {
                    // A member was replayed those posts' events, stripped of their text.
                    assertThat(seen.get(reader).replayed()).anyMatch(e -> e.get("type").asText().equals(EventTypes.POST_CREATED)
                            && e.get("data").path("redacted").asBoolean());
                }
            }));
        }
        for (String reader : OUTSIDE_PRIVATE) {
            tests.add(DynamicTest.dynamicTest("nothing of the private channel reaches " + reader + ", live or resumed", () -> {
                Seen got = seen.get(reader);
                List<JsonNode> all = new ArrayList<>(got.live());
                all.addAll(got.replayed());
                all.add(got.hello());
                all.add(got.reset());
                assertThat(all).noneMatch(e -> e.path("channelId").asLong(-1) == channels.get("private"));
                assertThat(all.toString()).doesNotContain(SECRET);
            }));
        }
        return tests.stream();
    }

    private static Predicate<JsonNode> matcher(Row row, Map<String, Long> channels, String nickname) {
        return switch (row.type()) {
            case EventTypes.STATUS_CHANGED -> e -> isStatus(e, "dnd");
            case EventTypes.PROFILE_CHANGED -> e -> e.get("type").asText().equals(row.type())
                    && e.get("data").get("userId").asText().equals("u-bruno")
                    && nickname.equals(e.get("data").get("nickname").asText(null));
            default -> e -> e.get("type").asText().equals(row.type())
                    && e.path("channelId").asLong(-1) == channels.get(row.kind());
        };
    }

    private static boolean isStatus(JsonNode event, String status) {
        return status.equals(EventStreamClient.statusChange(event, "u-bruno"));
    }

    /**
     * Everything the stream sends up to {@code last} (events are delivered in log order), then for a
     * moment more (typing is not logged and may come a little late), waiting for {@code also} too
     * (statuses are announced in batches).
     */
    private static List<JsonNode> collect(EventStreamClient stream, Predicate<JsonNode> last, Predicate<JsonNode> also) {
        List<JsonNode> got = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        boolean done = false;
        while (!done && System.nanoTime() < deadline) {
            JsonNode event = stream.next(Duration.ofMillis(200), e -> true);
            if (event != null) {
                got.add(event);
                done = last.test(event);
            }
        }
        assertThat(done).as("the last event arrived").isTrue();
        long settle = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        while (System.nanoTime() < settle || (got.stream().noneMatch(also) && System.nanoTime() < deadline)) {
            JsonNode event = stream.next(Duration.ofMillis(200), e -> true);
            if (event != null) {
                got.add(event);
            }
        }
        return got;
    }

    private static void ok(Api.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isBetween(200, 299);
    }
}
