package fr.clavardage.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One user of the crash test: posts at a steady rate, retrying each send with the same client key
 * until the server acknowledges it (the only way a client can tell a lost request from a lost
 * answer), and follows the event stream, resuming from the last event id after each disconnection.
 */
final class CrashClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POST_INTERVAL = Duration.ofMillis(100);
    private static final Duration RETRY_DELAY = Duration.ofMillis(150);
    private static final Duration SILENCE = Duration.ofSeconds(40);

    private final URI posts;
    private final URI read;
    private final URI stream;
    private final CrashCompany.Member member;
    private final CrashCompany.Member addressee;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final Map<String, Long> acknowledged = new ConcurrentHashMap<>();
    private final List<String> conflictingReplies = Collections.synchronizedList(new ArrayList<>());
    private final List<String> refusals = Collections.synchronizedList(new ArrayList<>());
    private final Map<Long, AtomicInteger> received = new ConcurrentHashMap<>();
    private final AtomicInteger retries = new AtomicInteger();
    private final AtomicInteger reconnections = new AtomicInteger();
    private final AtomicInteger resets = new AtomicInteger();
    private final Map<String, AtomicInteger> streamAnswers = new ConcurrentHashMap<>();

    private final Thread sender;
    private final Thread follower;
    private volatile boolean posting = true;
    private volatile boolean following = true;
    private volatile boolean lastAcknowledged;
    private volatile Stream<String> openStream;
    private volatile String lastEventId;
    private volatile long lastHeard = System.nanoTime();
    private final AtomicInteger silentStreams = new AtomicInteger();
    private final ScheduledExecutorService watchdog =
            Executors.newSingleThreadScheduledExecutor();

    CrashClient(URL base, CrashCompany.Member member, long channel, CrashCompany.Member addressee) {
        this.member = member;
        this.addressee = addressee;
        this.posts = URI.create(base + "api/v1/channels/" + channel + "/posts");
        this.read = URI.create(base + "api/v1/channels/" + channel + "/read");
        this.stream = URI.create(base + "api/v1/stream");
        this.sender = new Thread(this::post, "crash-sender-" + member.login());
        this.follower = new Thread(this::follow, "crash-stream-" + member.login());
    }

    String login() {
        return member.login();
    }

    /**
     * Opens the stream. Posting starts separately, once every client's stream is open: a post
     * acknowledged before a client's first stream began is not that stream's to deliver (a new client
     * starts at the log's current end and reads the history through the API).
     */
    void startFollowing() {
        // The module pings every 15 s: a stream silent for 40 s is dead, whatever the socket says.
        watchdog.scheduleWithFixedDelay(() -> {
            Stream<String> open = openStream;
            if (open != null && System.nanoTime() - lastHeard > SILENCE.toNanos()) {
                silentStreams.incrementAndGet();
                System.out.printf("[crash] %s: stream silent for %d s, last event id %s%n", member.login(),
                        SILENCE.toSeconds(), lastEventId);
                openStream = null;
                open.close();
            }
        }, 1, 1, TimeUnit.SECONDS);
        follower.start();
    }

    /** Waits for the stream's first position (its stream.hello); false if none came in time. */
    boolean awaitStreamOpen(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (lastEventId == null && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return lastEventId != null;
    }

    void startPosting() {
        sender.start();
    }

    void stopPosting() {
        posting = false;
    }

    /** Waits for the sender to get its last post acknowledged; false if it could not in time. */
    boolean awaitLastAcknowledged(Duration timeout) throws InterruptedException {
        sender.join(timeout.toMillis());
        return !sender.isAlive() && lastAcknowledged && refusals.isEmpty();
    }

    private void post() {
        int n = 0;
        while (posting) {
            n++;
            String key = member.login() + "-" + n;
            // Every third post is addressed to the next member: their mention badge is checked at the end.
            String body = n % 3 == 0
                    ? "{\"message\":\"crash %d\",\"clientKey\":\"%s\",\"recipients\":[\"%s\"]}".formatted(n, key, addressee.id())
                    : "{\"message\":\"crash %d\",\"clientKey\":\"%s\"}".formatted(n, key);
            lastAcknowledged = false;
            while (!sendUntilAnswered(key, body)) {
                retries.incrementAndGet();
                pause(RETRY_DELAY);
            }
            lastAcknowledged = true;
            if (n % 10 == 0 && member.login().endsWith("1")) {
                // The first member reads as it goes: its marker and badge move while others post.
                markRead();
            }
            pause(POST_INTERVAL);
        }
    }

    /** True once the server answered for this key (acknowledged, or refused for good). */
    private boolean sendUntilAnswered(String key, String body) {
        try {
            HttpResponse<String> reply = http.send(HttpRequest.newBuilder(posts).timeout(Duration.ofSeconds(10))
                    .header("Authorization", member.authorization()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            int status = reply.statusCode();
            if (status == 200 || status == 201) {
                long id = JSON.readTree(reply.body()).get("id").asLong();
                Long earlier = acknowledged.putIfAbsent(key, id);
                if (earlier != null && earlier != id) {
                    conflictingReplies.add(key + ": " + earlier + " then " + id);
                }
                return true;
            }
            if (status >= 500 || status == 408 || status == 429) {
                return false;
            }
            refusals.add(key + ": " + status + " " + reply.body());
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private void markRead() {
        try {
            http.send(HttpRequest.newBuilder(read).timeout(Duration.ofSeconds(10))
                    .header("Authorization", member.authorization()).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            // the server is down: the next read will do
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void follow() {
        while (following) {
            // A server that accepted the connection while starting, then died, never answers: give up
            // waiting for the headers after a while, as for a silent stream.
            HttpRequest.Builder request = HttpRequest.newBuilder(stream).timeout(Duration.ofSeconds(30))
                    .header("Accept", "text/event-stream")
                    .header("Authorization", member.authorization());
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            try {
                HttpResponse<Stream<String>> response = http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
                streamAnswers.computeIfAbsent(String.valueOf(response.statusCode()), k -> new AtomicInteger()).incrementAndGet();
                if (response.statusCode() == 200) {
                    lastHeard = System.nanoTime();
                    openStream = response.body();
                    try {
                        read(response.body());
                    } finally {
                        openStream = null;
                    }
                } else {
                    response.body().close();
                }
            } catch (IOException | RuntimeException e) {
                // the server went away mid-stream, or is not up yet
                streamAnswers.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicInteger()).incrementAndGet();
            } catch (InterruptedException e) {
                return;
            }
            if (following) {
                reconnections.incrementAndGet();
                pause(Duration.ofMillis(200));
            }
        }
    }

    private void read(Stream<String> lines) throws IOException {
        StringBuilder data = new StringBuilder();
        String id = null;
        for (String line : (Iterable<String>) lines::iterator) {
            lastHeard = System.nanoTime();
            if (line.isEmpty()) {
                if (!data.isEmpty()) {
                    accept(JSON.readTree(data.toString()));
                    // Only once the event is recorded does the client move its resume point past it.
                    if (id != null) {
                        lastEventId = id;
                    }
                }
                data.setLength(0);
                id = null;
            } else if (line.startsWith("data:")) {
                data.append(line.substring(5).strip());
            } else if (line.startsWith("id:")) {
                id = line.substring(3).strip();
            }
        }
    }

    private void accept(JsonNode event) {
        String type = event.path("type").asText();
        if ("post.created".equals(type)) {
            received.computeIfAbsent(event.get("data").get("id").asLong(), id -> new AtomicInteger()).incrementAndGet();
        } else if ("stream.reset".equals(type)) {
            resets.incrementAndGet();
        }
    }

    /** Waits until the stream has delivered every post of {@code ids}, or {@code timeout} passes. */
    void awaitReceived(Set<Long> ids, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!missing(ids).isEmpty() && System.nanoTime() < deadline) {
            pause(Duration.ofMillis(100));
        }
    }

    Set<Long> missing(Set<Long> ids) {
        return ids.stream().filter(id -> !received.containsKey(id)).collect(Collectors.toCollection(TreeSet::new));
    }

    Set<Long> duplicates() {
        return received.entrySet().stream().filter(e -> e.getValue().get() > 1).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    Map<String, Long> acknowledged() {
        return Map.copyOf(acknowledged);
    }

    List<String> conflictingReplies() {
        return List.copyOf(conflictingReplies);
    }

    List<String> refusals() {
        return List.copyOf(refusals);
    }

    int retries() {
        return retries.get();
    }

    int reconnections() {
        return reconnections.get();
    }

    /** How the stream's connections ended, for the report of a failed run. */
    String streamHistory() {
        return "answers " + streamAnswers + ", received " + received.size() + " posts, last event id " + lastEventId;
    }

    int silentStreams() {
        return silentStreams.get();
    }

    int resets() {
        return resets.get();
    }

    void close() {
        posting = false;
        following = false;
        Stream<String> open = openStream;
        if (open != null) {
            open.close();
        }
        follower.interrupt();
        watchdog.shutdownNow();
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
