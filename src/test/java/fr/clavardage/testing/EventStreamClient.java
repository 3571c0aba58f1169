package fr.clavardage.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** A real Server-Sent Events client of /api/v1/stream, signed in as a demo user. */
public final class EventStreamClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private final java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
    private volatile String lastId;

    private EventStreamClient(URI uri, String credentialHeader, String credential, String lastEventId, String name) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Accept", "text/event-stream")
                .header(credentialHeader, credential);
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build()
                .sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
        response.thenAccept(r -> new Thread(() -> read(r.body()), "sse-test-reader-" + name).start());
    }

    private static String basic(String login, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static EventStreamClient open(URL base, String login) {
        return open(base, login, null);
    }

    /** Opens a stream, resuming after {@code lastEventId} when given, and waits for its first event. */
    public static EventStreamClient open(URL base, String login, String lastEventId) {
        return open(base, login, "demo", lastEventId);
    }

    /** As {@link #open(URL, String, String)} with the password the host checks. */
    public static EventStreamClient open(URL base, String login, String password, String lastEventId) {
        EventStreamClient client = new EventStreamClient(URI.create(base + "api/v1/stream"),
                "Authorization", basic(login, password), lastEventId, login);
        client.awaitPosition();
        return client;
    }

    /** A stream opened the way a browser does, with the host's session cookie ({@code JSESSIONID=…}). */
    public static EventStreamClient openInSession(URL base, String cookie) {
        EventStreamClient client = new EventStreamClient(URI.create(base + "api/v1/stream"), "Cookie", cookie, null, "session");
        client.awaitPosition();
        return client;
    }

    /** Whether the server ended the stream within {@code timeout}. */
    public boolean awaitEnd(Duration timeout) {
        try {
            return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void read(Stream<String> lines) {
        StringBuilder data = new StringBuilder();
        String id = null;
        try {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        JsonNode event = JSON.readTree(data.toString());
                        if (id != null) {
                            lastId = id;
                        }
                        events.add(event);
                    }
                    data.setLength(0);
                    id = null;
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            // the stream was closed
        } finally {
            ended.countDown();
        }
    }

    private List<JsonNode> seenPositions = new ArrayList<>();

    private void awaitPosition() {
        JsonNode first = next(Duration.ofSeconds(10), e -> true);
        if (first == null) {
            throw new AssertionError("The stream sent nothing");
        }
        seenPositions.add(first);
    }

    /** The first event of the stream (a position marker, or the first replayed event). */
    public JsonNode first() {
        return seenPositions.get(0);
    }

    /** The next event matching {@code filter} within {@code timeout}, or null; skips the others. */
    public JsonNode next(Duration timeout, Predicate<JsonNode> filter) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                JsonNode event = events.poll(left, TimeUnit.NANOSECONDS);
                if (event == null) {
                    return null;
                }
                if (filter.test(event)) {
                    return event;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    public JsonNode next(String type, Duration timeout) {
        return next(timeout, e -> type.equals(e.get("type").asText()));
    }

    /** Everything received within {@code window}, stream markers excluded. */
    public List<JsonNode> drain(Duration window) {
        List<JsonNode> all = new ArrayList<>();
        JsonNode event;
        while ((event = next(window, e -> !e.get("type").asText().startsWith("stream."))) != null) {
            all.add(event);
        }
        return all;
    }

    public String lastId() {
        return lastId;
    }

    @Override
    public void close() {
        response.thenAccept(r -> r.body().close());
        response.cancel(true);
    }

    /** The status a coalesced {@code status.changed} gives this user, or null when it does not list them. */
    public static String statusChange(JsonNode event, String userId) {
        if (!"status.changed".equals(event.get("type").asText())) {
            return null;
        }
        for (JsonNode change : event.get("data").get("changes")) {
            if (change.get("userId").asText().equals(userId)) {
                return change.get("status").asText();
            }
        }
        return null;
    }
}
