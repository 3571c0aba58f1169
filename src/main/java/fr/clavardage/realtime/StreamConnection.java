package fr.clavardage.realtime;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One open event stream. Writes go through a bounded queue drained in order on a small shared pool,
 * so a slow client never holds up the dispatcher; one that falls too far behind is cut off and
 * resumes from its last event id when it reconnects. The writes themselves block a pool thread while
 * the socket is full (docs/realtime.md, known limitations).
 */
final class StreamConnection {

    static final int MAX_QUEUED = 512;
    private static final Logger LOG = Logger.getLogger(StreamConnection.class.getName());

    final String userId;
    private final SseEventSink sink;
    private final Sse sse;
    private final Executor writers;
    private final Queue<OutboundSseEvent> queue = new ArrayDeque<>();
    private final List<ChatEvent> heldBack = new ArrayList<>();
    private boolean catchingUp = true;
    private boolean draining;
    private boolean closed;
    /** Highest event id sent (or queued): nothing at or below it is sent again. */
    private long lastId;
    private final Runnable onClose;

    StreamConnection(String userId, SseEventSink sink, Sse sse, Executor writers, Runnable onClose) {
        this.userId = userId;
        this.sink = sink;
        this.sse = sse;
        this.writers = writers;
        this.onClose = onClose;
    }

    /** A live event; held back while the connection is still replaying the log. */
    synchronized void live(ChatEvent event) {
        if (catchingUp) {
            heldBack.add(event);
        } else {
            send(event);
        }
    }

    /** Replay is done at {@code position}: release live events that came meanwhile, then go live. */
    synchronized void caughtUp() {
        catchingUp = false;
        for (ChatEvent event : heldBack) {
            send(event);
        }
        heldBack.clear();
    }

    synchronized void send(ChatEvent event) {
        if (event.id() > 0 && event.id() <= lastId) {
            return;
        }
        if (event.id() > 0) {
            lastId = event.id();
        }
        OutboundSseEvent.Builder builder = sse.newEventBuilder().data(event.toJson());
        if (event.id() > 0) {
            builder.id(Long.toString(event.id()));
        }
        enqueue(builder.build());
    }

    /** Sends a position marker the client may resume from, without an event behind it. */
    synchronized void position(String type, long id) {
        lastId = Math.max(lastId, Math.max(id, 0));
        enqueue(sse.newEventBuilder().id(Long.toString(id))
                .data("{\"id\":" + id + ",\"type\":\"" + type + "\",\"channelId\":null,\"data\":{}}").build());
    }

    synchronized void heartbeat() {
        enqueue(sse.newEventBuilder().comment("ping").build());
    }

    private void enqueue(OutboundSseEvent event) {
        if (closed) {
            return;
        }
        if (queue.size() >= MAX_QUEUED) {
            LOG.fine(() -> "Dropping a stream of " + userId + " that cannot keep up");
            close();
            return;
        }
        queue.add(event);
        if (!draining) {
            draining = true;
            writers.execute(this::drain);
        }
    }

    private void drain() {
        while (true) {
            OutboundSseEvent next;
            synchronized (this) {
                next = queue.poll();
                if (next == null || closed) {
                    draining = false;
                    return;
                }
            }
            try {
                if (sink.isClosed()) {
                    close();
                    return;
                }
                sink.send(next).toCompletableFuture().join();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Stream of " + userId + " closed while writing", e);
                close();
                return;
            }
        }
    }

    synchronized boolean isClosed() {
        return closed || sink.isClosed();
    }

    void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.clear();
        }
        try {
            sink.close();
        } catch (RuntimeException ignored) {
            // already gone
        }
        onClose.run();
    }
}
