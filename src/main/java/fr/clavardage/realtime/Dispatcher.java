package fr.clavardage.realtime;

import fr.clavardage.channel.ChannelService;
import fr.clavardage.platform.persistence.Transactions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers committed events to this node's streams. Woken after a local commit or by another node's
 * NOTIFY, it reads the log from where it stopped, so a wake-up lost or merged with another loses
 * nothing. Who receives a channel's event is decided now, from current membership: someone removed a
 * moment ago gets nothing more.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());
    static final int BATCH = 500;

    /** A wake-up can be lost (a node's listener reconnecting): a slow sweep catches up anyway. */
    static final long SWEEP_SECONDS = 5;

    private final ScheduledExecutorService worker =
            Executors.newSingleThreadScheduledExecutor(StreamRegistry.daemon("clavardage-dispatcher"));
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private long position;

    @Inject
    EventLog log;
    @Inject
    StreamRegistry streams;
    @Inject
    ChannelService channels;
    @Inject
    Transactions transactions;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) throws Exception {
        // Start from the log's current end: older events are for resuming clients, not for live delivery.
        position = transactions.call(log::newestId);
        worker.scheduleWithFixedDelay(this::wake, SWEEP_SECONDS, SWEEP_SECONDS, TimeUnit.SECONDS);
    }

    public void wake() {
        if (scheduled.compareAndSet(false, true)) {
            worker.execute(this::drain);
        }
    }

    /** Events that are not logged (typing) go straight to the streams of those allowed to see them. */
    public void deliverEphemeral(ChatEvent event) {
        worker.execute(() -> deliver(List.of(event)));
    }

    private void drain() {
        scheduled.set(false);
        try {
            while (true) {
                List<ChatEvent> batch = transactions.call(() -> log.after(position, BATCH));
                if (batch.isEmpty()) {
                    return;
                }
                deliver(batch);
                position = batch.get(batch.size() - 1).id();
                if (batch.size() < BATCH) {
                    return;
                }
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Event dispatch failed; retried at the next wake-up", e);
        }
    }

    private void deliver(List<ChatEvent> batch) {
        Set<String> connected = streams.connectedUsers();
        if (connected.isEmpty()) {
            return;
        }
        Map<Long, Set<String>> membersByChannel = new HashMap<>();
        for (ChatEvent event : batch) {
            for (String userId : audienceOf(event, connected, membersByChannel)) {
                streams.of(userId).forEach(connection -> connection.live(event));
            }
        }
    }

    private Set<String> audienceOf(ChatEvent event, Set<String> connected, Map<Long, Set<String>> cache) {
        return switch (event.audience()) {
            case ALL -> connected;
            case USER -> connected.contains(event.userId()) ? Set.of(event.userId()) : Set.of();
            case CHANNEL -> cache.computeIfAbsent(event.channelId(), id -> {
                try {
                    return transactions.call(() -> channels.membersAmong(id, connected));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        };
    }

    /** Whether {@code userId} may receive {@code event}, given the channels they belong to now. */
    static boolean allowed(ChatEvent event, String userId, Set<Long> memberOf) {
        return switch (event.audience()) {
            case ALL -> true;
            case USER -> userId.equals(event.userId());
            case CHANNEL -> memberOf.contains(event.channelId());
        };
    }

    @PreDestroy
    void shutdown() {
        worker.shutdownNow();
    }
}
