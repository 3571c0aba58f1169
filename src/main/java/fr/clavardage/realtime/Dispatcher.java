package fr.clavardage.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import fr.clavardage.platform.lifecycle.BackgroundThreads;
import fr.clavardage.platform.persistence.Transactions;
import fr.clavardage.platform.web.JsonMapperProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers committed events to this node's live streams, on one thread. Woken after a local commit or
 * by another node's NOTIFY, it reads the log from where it stopped, so a wake-up lost or merged with
 * another loses nothing.
 *
 * <p>Who receives an event is decided when it is delivered, from a {@link MembershipIndex} of the
 * connected users' channels that this thread keeps in log order: a membership event changes the index
 * before any later event is delivered, so a member removed a moment ago gets nothing more. A channel's
 * event costs its connected members here, never a query. Users are loaded into the index on this same
 * thread, which is what keeps a load from undoing a change already applied (docs/realtime.md).
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());
    static final int BATCH = 500;
    /** Users loaded into the index per query. */
    private static final int LOAD_CHUNK = 500;

    /** A wake-up can be lost (a node's listener reconnecting): a slow sweep catches up anyway. */
    static final long SWEEP_SECONDS = 5;

    private final ScheduledExecutorService worker =
            Executors.newSingleThreadScheduledExecutor(StreamRegistry.daemon("clavardage-dispatcher"));
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicBoolean admitting = new AtomicBoolean();
    private final ConcurrentLinkedQueue<StreamConnection> arrivals = new ConcurrentLinkedQueue<>();
    private final MembershipIndex index = new MembershipIndex();
    /** The last event read and delivered (dispatcher thread). */
    private long position;
    /** The last event whose membership change is in the index; set before that event is delivered. */
    private volatile long applied;
    /** Connections given events that are not written yet (dispatcher thread), in delivery order. */
    private final Set<StreamConnection> unwritten = new LinkedHashSet<>();
    private boolean writeQueued;

    @Inject
    EventLog log;
    @Inject
    StreamRegistry streams;
    @Inject
    Seats channels;
    @Inject
    Transactions transactions;
    @Inject
    CatchUp catchUp;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) throws Exception {
        // Start from the log's current end: older events are for resuming clients, not for live delivery.
        position = transactions.call(log::newestId);
        applied = position;
        worker.scheduleWithFixedDelay(this::wake, SWEEP_SECONDS, SWEEP_SECONDS, TimeUnit.SECONDS);
    }

    public void wake() {
        if (scheduled.compareAndSet(false, true)) {
            run(this::drain);
        }
    }

    /** Events that are not logged (typing) go straight to the live streams of those allowed to see them. */
    public void deliverEphemeral(ChatEvent event) {
        run(() -> {
            deliver(event);
            queueWrite();
        });
    }

    long applied() {
        return applied;
    }

    Set<Long> channelsOf(String userId) {
        return index.channelsOf(userId);
    }

    /**
     * A new stream: its user's memberships are loaded into the index (unless already there), then it
     * starts catching up. Several arrivals are loaded together, a chunk of users per query.
     */
    void admit(StreamConnection connection) {
        arrivals.add(connection);
        if (admitting.compareAndSet(false, true)) {
            run(this::admitArrivals);
        }
    }

    /** The user's last stream on this node closed: stop following their memberships. */
    void userLeft(String userId) {
        run(() -> {
            if (streams.connectionCount(userId) == 0) {
                index.drop(userId);
            }
        });
    }

    private void run(Runnable task) {
        try {
            worker.execute(task);
        } catch (RejectedExecutionException shuttingDown) {
            // the node is stopping
        }
    }

    private void admitArrivals() {
        admitting.set(false);
        List<StreamConnection> batch = new ArrayList<>();
        for (StreamConnection next; (next = arrivals.poll()) != null; ) {
            batch.add(next);
        }
        Set<String> toLoad = new HashSet<>();
        for (StreamConnection connection : batch) {
            // A stream closed before this point already queued its drop, which would run before the
            // load; one closed after queues its drop behind this task.
            if (!connection.isClosed() && !index.isLoaded(connection.userId)) {
                toLoad.add(connection.userId);
            }
        }
        try {
            List<String> users = new ArrayList<>(toLoad);
            for (int from = 0; from < users.size(); from += LOAD_CHUNK) {
                List<String> chunk = users.subList(from, Math.min(users.size(), from + LOAD_CHUNK));
                // Read on this thread, after every event up to `applied` committed and was applied: the
                // rows read are at least that recent, and later changes come through the log.
                Map<String, Set<Long>> seats = transactions.call(() -> channels.channelIdsOf(chunk));
                seats.forEach(index::load);
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Could not load the memberships of new streams; they are closed and will reconnect", e);
            batch.forEach(StreamConnection::close);
            return;
        }
        for (StreamConnection connection : batch) {
            connection.admit();
        }
    }

    private void drain() {
        scheduled.set(false);
        try {
            while (true) {
                List<ChatEvent> batch = transactions.call(() -> log.after(position, BATCH));
                if (batch.isEmpty()) {
                    return;
                }
                for (ChatEvent event : batch) {
                    if (event.id() > applied) {
                        applyMembership(event);
                        applied = event.id();
                    }
                    deliver(event);
                }
                position = batch.get(batch.size() - 1).id();
                if (batch.size() < BATCH) {
                    return;
                }
                // More to read: write this batch out first, so no stream gathers more than a batch.
                writeUnwritten();
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Event dispatch failed; retried at the next wake-up", e);
        } finally {
            queueWrite();
        }
    }

    /**
     * Writes the touched streams once the deliveries already waiting on this thread are done: one
     * write per stream for the events of several commits or typing notices that arrived together,
     * which under load is what saves the system calls; alone, an event waits for no timer.
     */
    private void queueWrite() {
        if (!unwritten.isEmpty() && !writeQueued) {
            writeQueued = true;
            run(this::writeUnwritten);
        }
    }

    private void writeUnwritten() {
        writeQueued = false;
        for (StreamConnection connection : unwritten) {
            connection.writeQueued();
        }
        unwritten.clear();
    }

    /** Keeps the index in step with the log. Every change is idempotent, so replaying one is harmless. */
    private void applyMembership(ChatEvent event) {
        switch (event.type()) {
            case EventTypes.MEMBER_ADDED, EventTypes.MEMBER_REMOVED, EventTypes.CHANNEL_CREATED -> {
                try {
                    JsonNode data = JsonMapperProvider.mapper().readTree(event.payload());
                    switch (event.type()) {
                        case EventTypes.MEMBER_ADDED -> index.added(event.channelId(), data.get("userId").asText());
                        case EventTypes.MEMBER_REMOVED -> index.removed(event.channelId(), data.get("userId").asText());
                        // The creator's seat comes with the channel, without a member.added of its own.
                        default -> index.added(event.channelId(), data.get("createdBy").asText());
                    }
                } catch (Exception e) {
                    LOG.log(Level.WARNING, "Unreadable membership event " + event.id(), e);
                }
            }
            default -> {
                // no change of membership
            }
        }
    }

    /** Work proportional to the receivers: the channel's connected members, one user, or everyone. */
    private void deliver(ChatEvent event) {
        Iterable<String> receivers = switch (event.audience()) {
            case ALL -> null;
            case USER -> List.of(event.userId());
            case CHANNEL -> event.channelId() == null ? List.of() : index.membersOf(event.channelId());
        };
        Delivery delivery = new Delivery(event);
        streams.forEachConnection(receivers, userId -> EventAccess.mayReceive(event, userId, index.channelsOf(userId)),
                delivery);
    }

    /** One event offered to its receivers' connections, its frame encoded once, for the first. */
    private final class Delivery implements Consumer<StreamConnection> {
        private final ChatEvent event;
        private byte[] frame;

        Delivery(ChatEvent event) {
            this.event = event;
        }

        @Override
        public void accept(StreamConnection connection) {
            if (frame == null) {
                frame = Frames.event(event);
            }
            if (connection.offer(event, frame)) {
                unwritten.add(connection);
            }
        }
    }

    /** Before any application bean is destroyed (the database among them), so no work runs against a closed one. */
    void shutdown(@Observes @BeforeDestroyed(ApplicationScoped.class) Object ignored) {
        BackgroundThreads.stop(worker, "The event dispatcher");
    }
}
