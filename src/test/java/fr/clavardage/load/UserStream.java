package fr.clavardage.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * A user's Server-Sent Events stream, parsed from its bytes ({@link SseParser}) without a thread of
 * its own. It reconnects after a drop with {@code Last-Event-ID}, after the delay the server gave
 * ({@code retry:}), as {@code EventSource} does, and checks as it reads that event ids only grow (a
 * repeat or a step back is counted as a duplicate).
 */
final class UserStream {

    private final SimUser user;
    private volatile boolean wanted;
    private volatile Connection current;
    /** The highest id seen, also the resume position. */
    private long lastId = -1;
    private volatile long upSinceNanos;
    /** How long to wait before reconnecting after a drop: the server's {@code retry:}, else a browser's usual 3 s. */
    private volatile long reconnectMillis = 3_000;
    private final CompletableFuture<Void> firstHello = new CompletableFuture<>();

    UserStream(SimUser user) {
        this.user = user;
    }

    /** Opens the stream; completes at its first {@code stream.hello} (or exceptionally if it fails). */
    CompletableFuture<Void> open() {
        if (wanted) {
            return firstHello;
        }
        wanted = true;
        connect();
        return firstHello;
    }

    /** Drops the connection and opens a new one that resumes from the last id (a network blip). */
    void reconnect() {
        Connection old = current;
        if (old != null) {
            old.intentional = true;
            old.cancel();
        }
        user.run.metrics.reconnects.increment();
        connect();
    }

    void close() {
        wanted = false;
        Connection c = current;
        if (c != null) {
            c.intentional = true;
            c.cancel();
        }
    }

    /** When the stream first said hello, if it is still up (or being resumed); otherwise 0. */
    long upSince() {
        Connection c = current;
        return c != null && wanted ? upSinceNanos : 0;
    }

    boolean isOpen() {
        Connection c = current;
        return c != null && c.open && !c.ended;
    }

    private void connect() {
        Connection connection = new Connection();
        current = connection;
        HttpRequest.Builder request = HttpRequest.newBuilder(user.base.resolve("api/v1/stream"))
                .timeout(user.run.options.timeout())
                .header("Accept", "text/event-stream")
                .header("Authorization", "Basic " + java.util.Base64.getEncoder()
                        .encodeToString((user.login + ":demo").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        synchronized (this) {
            if (lastId >= 0) {
                request.header("Last-Event-ID", Long.toString(lastId));
            }
        }
        user.run.client(user.index).sendAsync(request.build(), info -> {
            if (info.statusCode() == 200) {
                connection.headers();
                return HttpResponse.BodySubscribers.fromSubscriber(connection);
            }
            return HttpResponse.BodySubscribers.replacing(null);
        }).whenComplete((response, failure) -> connection.ended(response == null ? 0 : response.statusCode(), failure));
    }

    private synchronized boolean checkOrder(long id, boolean marker) {
        // A marker (stream.hello) may repeat the id of the last replayed event; nothing else may.
        boolean inOrder = marker ? id >= lastId : id > lastId;
        if (id > lastId) {
            lastId = id;
        }
        return inOrder;
    }

    /** One HTTP exchange of the stream. */
    private final class Connection implements Flow.Subscriber<List<ByteBuffer>>, SseParser.Listener {
        final long started = System.nanoTime();
        volatile Flow.Subscription subscription;
        volatile boolean intentional;
        volatile boolean open;
        volatile boolean ended;
        private boolean helloSeen;
        private final SseParser parser = new SseParser(this);

        void headers() {
            open = true;
            user.run.metrics.connected.incrementAndGet();
            if (user.state instanceof PageMode.PageState) {
                user.run.later(Duration.ZERO, () -> PageMode.onStreamOpen(user));
            }
        }

        void cancel() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
            ended(200, null);
        }

        synchronized void ended(int status, Throwable failure) {
            if (ended) {
                return;
            }
            ended = true;
            if (open) {
                user.run.metrics.connected.decrementAndGet();
            }
            if (!open) {
                long micros = (System.nanoTime() - started) / 1000;
                if (failure != null) {
                    user.run.metrics.failed("stream", micros, Metrics.cause(failure),
                            failure instanceof java.net.http.HttpTimeoutException);
                } else {
                    user.run.metrics.answered("stream", micros, status == 200 ? 599 : status);
                }
            }
            if (!firstHello.isDone() && !intentional) {
                firstHello.completeExceptionally(new IOException("stream ended before hello (" + status + ")"));
            }
            if (!intentional && wanted && current == this) {
                user.run.metrics.streamDrops.increment();
                // Also during the drain: a browser resumes, and the replay brings what is still due.
                user.run.laterEvenWhenStopping(Duration.ofMillis(reconnectMillis), () -> {
                    if (wanted && current == this) {
                        connect();
                    }
                });
            }
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                parser.feed(buffer);
            }
        }

        @Override
        public void retry(long millis) {
            reconnectMillis = millis;
        }

        @Override
        public void onError(Throwable throwable) {
            // The response future reports the end.
        }

        @Override
        public void onComplete() {
            // The response future reports the end.
        }

        @Override
        public void event(long eventId, byte[] json, int length) {
            long now = System.nanoTime();
            if (intentional) {
                return;
            }
            String type = SseParser.typeOf(json, length);
            Metrics metrics = user.run.metrics;
            metrics.event(type);
            boolean marker = type.startsWith("stream.");
            if (eventId >= 0 && !checkOrder(eventId, marker)) {
                metrics.duplicatedEvents.increment();
            }
            if (marker && !helloSeen) {
                helloSeen = true;
                if (upSinceNanos == 0) {
                    upSinceNanos = now;
                    metrics.answered("stream", (now - started) / 1000, 200);
                }
                firstHello.complete(null);
            }
            if (type.equals("stream.reset")) {
                metrics.resets.increment();
            }
            JsonNode event = null;
            if (type.equals("post.created")) {
                event = parse(json, length);
                JsonNode post = event == null ? null : event.get("data");
                if (post != null) {
                    user.run.ledger.arrived(post.get("id").asLong(), user.index, now);
                }
            }
            if (user.state instanceof PageMode.PageState) {
                // Most events cost the pages no request: the tool leaves them unparsed (its CPU is the server's too).
                JsonNode parsed = event;
                PageMode.onEvent(user, type, () -> parsed != null ? parsed : parse(json, length));
            }
        }
    }

    private static JsonNode parse(byte[] json, int length) {
        try {
            return RunContext.JSON.readTree(json, 0, length);
        } catch (IOException e) {
            return null;
        }
    }
}
