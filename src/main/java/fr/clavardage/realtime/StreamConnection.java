package fr.clavardage.realtime;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One open event stream, written without ever blocking a thread (Servlet non-blocking output).
 *
 * <p>A connection is either <em>live</em> (the dispatcher pushes events to it) or <em>catching up</em>
 * (it reads the log itself, one page at a time, whenever its output has drained). Frames wait in a
 * queue bounded by bytes; when a live event does not fit, the connection drops it and falls back to
 * catching up from its position, so a slow reader costs only its own bounded memory and loses
 * nothing. Resuming a client is the same catch-up path, started from its Last-Event-ID.
 */
final class StreamConnection implements WriteListener, AsyncListener {

    /** Bytes of frames a connection may hold that the container has not taken yet. */
    static final int BUFFER_LIMIT = 256 * 1024;
    /** A connection catching up reads its next page once its queue is down to this. */
    static final int LOW_WATER = 64 * 1024;
    /**
     * The range of reconnection delays given to clients, each connection its own at random. When a
     * node restarts, every browser connected to it loses its stream at once; with the browsers' own
     * default (about 3 s, the same for all) they would all come back within the same second.
     */
    static final int RECONNECT_MIN_MS = 2_000;
    static final int RECONNECT_MAX_MS = 10_000;

    private static final Logger LOG = Logger.getLogger(StreamConnection.class.getName());
    private static final byte[] PING = ": ping\n\n".getBytes(StandardCharsets.US_ASCII);

    /** What the connection needs from the node: pages of the log, the dispatcher's progress, cleanup. */
    interface Node {
        /** Reads the connection's next page of the log, later, on another thread. */
        void requestPage(StreamConnection connection);

        /** The id of the last event whose membership changes the dispatcher has applied. */
        long applied();

        void closed(StreamConnection connection);
    }

    final String userId;
    /** The HTTP session the stream was opened in, or null (a host that signs requests in without one). */
    volatile String sessionId;
    /** The client's Last-Event-ID, or null for a new client. */
    final Long resumeFrom;
    private final AsyncContext async;
    private final ServletOutputStream out;
    private final Node node;

    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private int queuedBytes;
    private boolean unflushed;
    private boolean writable;
    /** System.nanoTime() since which the container refuses more output; 0 while it accepts. */
    private long unwritableSince;

    /** Admitted by the dispatcher (its memberships are known): catching up may start. */
    private boolean admitted;
    private boolean live;
    private boolean pageRequested;
    /** The log position this connection has dealt with (sent or skipped); -1 until the first page. */
    private long position = -1;
    /** The highest id the client was given as an SSE id: it resumes from there if it reconnects. */
    private long lastSentId = -1;
    private boolean closed;
    /** This client's reconnection delay, sent with the first page, before anything else. */
    private final int reconnectMillis = ThreadLocalRandom.current().nextInt(RECONNECT_MIN_MS, RECONNECT_MAX_MS + 1);
    private boolean reconnectSent;

    StreamConnection(String userId, String sessionId, Long resumeFrom, AsyncContext async, ServletOutputStream out, Node node) {
        this.userId = userId;
        this.sessionId = sessionId;
        this.resumeFrom = resumeFrom;
        this.async = async;
        this.out = out;
        this.node = node;
    }

    /** Starts writing: the container calls {@link #onWritePossible} from now on. */
    void start() {
        async.addListener(this);
        out.setWriteListener(this);
    }

    // ---- live delivery (dispatcher thread) ----

    /**
     * A live event, with its frame encoded once for all receivers, queued but not written: the
     * dispatcher writes each connection it gave events to once per run of deliveries
     * ({@link #writeQueued}), so a burst costs a stream one write, not one per event. Ignored while
     * catching up. True when the connection has something new to write or a page to ask for.
     */
    synchronized boolean offer(ChatEvent event, byte[] frame) {
        if (closed || !live || (event.id() > 0 && event.id() <= position)) {
            return false;
        }
        if (!fits(frame.length)) {
            // Too far behind to push to: read the log at its own pace from where it is. A typing
            // notice (id 0) is simply lost, as it would be for a client connecting a moment later.
            live = false;
        } else {
            enqueue(frame);
            if (event.id() > 0) {
                position = event.id();
                lastSentId = event.id();
            }
        }
        return true;
    }

    /** Hands what {@link #offer} queued to the container (and asks for a page if it fell behind). */
    void writeQueued() {
        boolean ok;
        synchronized (this) {
            ok = flush();
        }
        if (!ok) {
            close();
        }
    }

    // ---- catching up (catch-up threads) ----

    synchronized void admit() {
        admitted = true;
        requestPageIfDue();
    }

    /** Where the next page starts, or -1 when the starting position is not decided yet. */
    synchronized long position() {
        return position;
    }

    synchronized boolean isLive() {
        return live;
    }

    /**
     * Takes a page read from the log after {@code startAt}: first an optional marker
     * ({@code stream.hello} or {@code stream.reset}) with {@code startAt} as its id, then the events
     * this user may see, as long as they fit. {@code readUpTo} is the upper bound the page was read
     * with; {@code complete} tells that the page holds every event up to it.
     */
    void acceptPage(long startAt, String marker, List<ChatEvent> page, boolean complete, long readUpTo,
                    Set<Long> memberOf) {
        boolean ok;
        synchronized (this) {
            pageRequested = false;
            if (closed) {
                return;
            }
            if (!reconnectSent) {
                enqueue(Frames.retry(reconnectMillis));
                reconnectSent = true;
            }
            if (marker != null) {
                enqueue(Frames.marker(marker, startAt));
                lastSentId = startAt;
            }
            position = startAt;
            boolean stoppedShort = false;
            for (ChatEvent event : page) {
                if (event.id() <= position) {
                    continue;
                }
                if (EventAccess.mayReceive(event, userId, memberOf)) {
                    byte[] frame = Frames.event(event);
                    if (!fits(frame.length)) {
                        stoppedShort = true;
                        break;
                    }
                    enqueue(frame);
                    lastSentId = event.id();
                }
                position = event.id();
            }
            if (!stoppedShort && complete) {
                // Everything up to the bound was seen, including ids that rolled back or were not kept.
                position = Math.max(position, readUpTo);
                // The dispatcher sets applied() before it delivers an event: if it has not gone past
                // us yet, every later event reaches this connection live (we hold the lock it needs).
                if (position >= node.applied()) {
                    live = true;
                    if (position > lastSentId) {
                        // Moves the client's Last-Event-ID past events it was not allowed to see, and
                        // tells a resuming client that the replay is over.
                        enqueue(Frames.marker(EventTypes.HELLO, position));
                        lastSentId = position;
                    }
                }
            }
            ok = flush();
        }
        if (!ok) {
            close();
        }
    }

    private void requestPageIfDue() {
        if (admitted && !live && !closed && !pageRequested && queuedBytes <= LOW_WATER) {
            pageRequested = true;
            node.requestPage(this);
        }
    }

    /** A page could not be read (database trouble): the client reconnects and resumes. */
    void pageFailed() {
        synchronized (this) {
            pageRequested = false;
        }
        close();
    }

    // ---- heartbeat ----

    /** Sends a ping when idle; closes a connection that stayed unwritable longer than {@code stallNanos}. */
    void heartbeat(long stallNanos) {
        boolean ok;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (unwritableSince != 0 && System.nanoTime() - unwritableSince > stallNanos) {
                ok = false;
                LOG.fine(() -> "Closing a stream of " + userId + " that has not read for too long");
            } else {
                if (queue.isEmpty()) {
                    enqueue(PING);
                }
                ok = flush();
            }
        }
        if (!ok) {
            close();
        }
    }

    // ---- output ----

    private boolean fits(int length) {
        // An empty queue takes any frame, or one large post could never be sent.
        return queue.isEmpty() || queuedBytes + length <= BUFFER_LIMIT;
    }

    private void enqueue(byte[] frame) {
        queue.add(frame);
        queuedBytes += frame.length;
    }

    /**
     * Hands queued frames to the container while it accepts them without blocking, then flushes.
     * Returns false when the connection failed. Holding the lock.
     */
    private boolean flush() {
        if (closed) {
            return true;
        }
        if (!writable) {
            // Before the first onWritePossible, or after isReady() said no: the container calls back.
            return true;
        }
        try {
            while (true) {
                if (!out.isReady()) {
                    writable = false;
                    if (unwritableSince == 0) {
                        unwritableSince = System.nanoTime();
                    }
                    break;
                }
                byte[] next = queue.poll();
                if (next == null) {
                    if (!unflushed) {
                        break;
                    }
                    unflushed = false;
                    out.flush();
                    continue;
                }
                queuedBytes -= next.length;
                out.write(next);
                unflushed = true;
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "Stream of " + userId + " failed while writing", e);
            return false;
        }
        requestPageIfDue();
        return true;
    }

    @Override
    public void onWritePossible() {
        boolean ok;
        synchronized (this) {
            writable = true;
            unwritableSince = 0;
            ok = flush();
        }
        if (!ok) {
            close();
        }
    }

    @Override
    public void onError(Throwable failure) {
        LOG.log(Level.FINE, "Stream of " + userId + " failed", failure);
        close();
    }

    @Override
    public void onComplete(AsyncEvent event) {
        close();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        close();
    }

    @Override
    public void onError(AsyncEvent event) {
        close();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // not restarted
    }

    synchronized boolean isClosed() {
        return closed;
    }

    synchronized int queuedBytes() {
        return queuedBytes;
    }

    /** Ends the response (the browser reconnects with its Last-Event-ID) and forgets the connection. */
    void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.clear();
            queuedBytes = 0;
        }
        try {
            async.complete();
        } catch (RuntimeException alreadyOver) {
            // completed or failed already
        }
        node.closed(this);
    }
}
