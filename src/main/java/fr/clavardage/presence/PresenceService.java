package fr.clavardage.presence;

import fr.clavardage.platform.config.ModuleConfig;
import fr.clavardage.platform.lifecycle.BackgroundThreads;
import fr.clavardage.platform.persistence.InTransaction;
import fr.clavardage.platform.persistence.Transactions;
import fr.clavardage.platform.security.CallerArrived;
import fr.clavardage.realtime.EventTypes;
import fr.clavardage.realtime.Events;
import fr.clavardage.realtime.StreamOpened;
import fr.clavardage.realtime.StreamRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Who is online, across nodes. Each node writes, per user it serves, a row saying how many live
 * streams they have here and when they last did something; rows expire unless refreshed, so the users
 * of a node that dies go offline on their own. A user is:
 * <ul>
 *   <li>online while they have a stream (or, for clients without one, made a request lately) and were
 *       active within the idle time ({@code clavardage.presence.idle}, default PT10M);</li>
 *   <li>away when idle longer, or when they chose it;</li>
 *   <li>offline when no stream is left, after a grace period ({@code clavardage.presence.grace},
 *       default PT15S) so that reloading a page does not flicker;</li>
 *   <li>busy (dnd) when they chose it, until they clear it.</li>
 * </ul>
 * Several tabs and devices are one user: connections are counted, not users. A change is announced
 * once ({@code status.changed}), by whichever node notices it first.
 */
@ApplicationScoped
public class PresenceService {

    private static final Logger LOG = Logger.getLogger(PresenceService.class.getName());

    static final Duration TICK = Duration.ofSeconds(5);
    /** How often pending changes are announced, all in one {@code status.changed}. */
    static final Duration FLUSH = Duration.ofSeconds(1);
    static final Duration ROW_TTL = Duration.ofSeconds(45);
    /** A client without a stream (a script, an old page) counts as online this long after a request. */
    static final Duration REQUEST_ONLINE = Duration.ofSeconds(90);

    private final String nodeId = UUID.randomUUID().toString();
    private final Map<String, Instant> lastActive = new ConcurrentHashMap<>();
    private final Map<String, Instant> goneAt = new ConcurrentHashMap<>();
    private final Map<String, Written> written = new ConcurrentHashMap<>();
    /** The cluster's announced statuses as last read or announced here: what GET /users shows. */
    private final Map<String, Status> announcedCopy = new ConcurrentHashMap<>();
    /** Users to re-evaluate at the next flush: announcements are batched, at most one event a second. */
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    /** Users whose row must be written at once (a stream opened or the last one closed), in one batch. */
    private final Set<String> rowsDue = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicBoolean rowsScheduled = new java.util.concurrent.atomic.AtomicBoolean();
    /** Moves whenever {@link #announcedCopy} changes, so that views built from it know when to rebuild. */
    private final java.util.concurrent.atomic.AtomicLong version = new java.util.concurrent.atomic.AtomicLong();
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "clavardage-presence");
                thread.setDaemon(true);
                return thread;
            });

    @Inject
    PresenceRepository presence;
    @Inject
    ChosenStatuses chosen;
    @Inject
    StreamRegistry streams;
    @Inject
    Events events;
    @Inject
    Transactions transactions;
    @Inject
    Clock clock;

    private record Written(int connections, Instant lastActive, Instant expiresAt) {
    }

    static Duration idle() {
        return ModuleConfig.get("clavardage.presence.idle").map(Duration::parse).orElse(Duration.ofMinutes(10));
    }

    static Duration grace() {
        return ModuleConfig.get("clavardage.presence.grace").map(Duration::parse).orElse(Duration.ofSeconds(15));
    }

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        streams.onUserGone(this::lastStreamClosed);
        timer.scheduleWithFixedDelay(this::tick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::flush, FLUSH.toMillis(), FLUSH.toMillis(), TimeUnit.MILLISECONDS);
    }

    void onArrival(@Observes CallerArrived caller) {
        // The page's own refreshes are not the user doing something: they would never go away.
        if (!caller.background()) {
            seen(caller.userId());
        }
    }

    /** The user did something (any API call): they are active now. */
    public void seen(String userId) {
        Instant now = clock.instant();
        Instant before = lastActive.put(userId, now);
        if (before == null || before.isBefore(now.minus(idle()))) {
            // New here, or back from idle: say so at the next flush rather than at the next tick.
            dirty.add(userId);
        }
    }

    /**
     * A stream opened: written right away (on the presence thread, the only one writing this node's
     * rows), so that other nodes see the user online without waiting a tick.
     */
    void onStreamOpened(@Observes StreamOpened opened) {
        streamOpened(opened.userId());
    }

    public void streamOpened(String userId) {
        seen(userId);
        goneAt.remove(userId);
        writeRowSoon(userId);
        dirty.add(userId);
    }

    private void lastStreamClosed(String userId) {
        goneAt.put(userId, clock.instant());
        writeRowSoon(userId);
    }

    /**
     * Writes the user's row on the presence thread as soon as it is free, with the other rows that came
     * due meanwhile: at a busy start of day (thousands of streams opening a minute) one transaction
     * and two statements per batch, not per stream.
     */
    private void writeRowSoon(String userId) {
        rowsDue.add(userId);
        if (rowsScheduled.compareAndSet(false, true)) {
            onPresenceThread(this::writeDueRows);
        }
    }

    private void writeDueRows() {
        rowsScheduled.set(false);
        Set<String> batch = new HashSet<>(rowsDue);
        rowsDue.removeAll(batch);
        Instant now = clock.instant();
        List<PresenceRepository.Row> rows = new ArrayList<>();
        for (String userId : batch) {
            rowToWrite(userId, now, true, rows);
        }
        presence.write(nodeId, rows);
    }

    private void onPresenceThread(Runnable work) {
        if (timer.isShutdown()) {
            return;
        }
        timer.execute(() -> {
            try {
                transactions.call(() -> {
                    work.run();
                    return null;
                });
            } catch (Exception e) {
                LOG.log(Level.FINE, "Presence update failed; the next tick does it", e);
            }
        });
    }

    /** Re-evaluates a user's status now (after they changed it by hand), announces a change, returns it. */
    @InTransaction
    public Status recheck(String userId) {
        announceChanges(Set.of(userId));
        Instant now = clock.instant();
        return statusOf(chosen.of(Set.of(userId)).get(userId),
                liveWithLocal(now, Set.of(userId)).get(userId), now);
    }

    /**
     * A user's status as last announced to everyone (the cluster's record, kept in memory here and
     * refreshed every tick): what the users column shows, with no database work per request.
     */
    public Status status(String userId) {
        return announcedCopy.getOrDefault(userId, Status.OFFLINE);
    }

    /** Changes whenever any announced status does. */
    public long version() {
        return version.get();
    }

    /** Every announced status that is not offline (absent users are offline). */
    public Map<String, Status> statuses() {
        return Map.copyOf(announcedCopy);
    }

    static Status statusOf(ManualStatus manual, PresenceRepository.Presence presence, Instant now) {
        if (manual == ManualStatus.DND) {
            return Status.DND;
        }
        if (manual == ManualStatus.OFFLINE || presence == null) {
            return Status.OFFLINE;
        }
        boolean idle = presence.lastActive().isBefore(now.minus(idle()));
        return manual == ManualStatus.AWAY || idle ? Status.AWAY : Status.ONLINE;
    }

    /** The database's view, completed by what this node knows and has not written yet. */
    private Map<String, PresenceRepository.Presence> liveWithLocal(Instant now, Set<String> userIds) {
        Map<String, PresenceRepository.Presence> live = new java.util.HashMap<>(presence.live(now, userIds));
        lastActive.forEach((userId, active) -> {
            if (userIds.contains(userId) && streams.connectionCount(userId) > 0 || onlineByRequest(userId, active, now)) {
                live.merge(userId, new PresenceRepository.Presence(streams.connectionCount(userId), active),
                        (a, b) -> new PresenceRepository.Presence(Math.max(a.connections(), b.connections()),
                                a.lastActive().isAfter(b.lastActive()) ? a.lastActive() : b.lastActive()));
            }
        });
        return live;
    }

    private void tick() {
        try {
            transactions.call(() -> {
                Instant now = clock.instant();
                Set<String> users = new HashSet<>(streams.connectedUsers());
                users.addAll(lastActive.keySet());
                users.addAll(goneAt.keySet());
                List<PresenceRepository.Row> rows = new ArrayList<>();
                for (String userId : users) {
                    rowToWrite(userId, now, false, rows);
                }
                presence.write(nodeId, rows);
                presence.deleteExpired(now);
                Set<String> candidates = new HashSet<>(presence.liveUsers(now));
                presence.announced().forEach((userId, status) -> {
                    if (status != Status.OFFLINE) {
                        candidates.add(userId);
                    }
                });
                candidates.addAll(users);
                candidates.addAll(dirty);
                dirty.removeAll(candidates);
                announceChanges(candidates);
                // A status announced by a request thread (a user setting theirs) after this read must
                // not be overwritten by it: the copy is then left as is until the next tick.
                long seen = version.get();
                Map<String, Status> everyone = presence.announced();
                synchronized (announcedCopy) {
                    if (version.get() == seen && !everyone.equals(announcedCopy)) {
                        announcedCopy.keySet().retainAll(everyone.keySet());
                        announcedCopy.putAll(everyone);
                        version.incrementAndGet();
                    }
                }
                return null;
            });
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Presence tick failed; tried again shortly", e);
        }
    }

    /**
     * Adds this node's row for a user to {@code rows} when it says something new or is about to expire.
     * Rows are not rewritten every tick: with thousands of users that would be most of the database's work.
     */
    private void rowToWrite(String userId, Instant now, boolean force, List<PresenceRepository.Row> rows) {
        int connections = streams.connectionCount(userId);
        Instant active = lastActive.getOrDefault(userId, now);
        Instant expires;
        if (connections > 0) {
            expires = now.plus(ROW_TTL);
        } else {
            Instant gone = goneAt.get(userId);
            Instant byGrace = gone == null ? now : gone.plus(grace());
            Instant byRequest = onlineByRequest(userId, active, now) ? active.plus(REQUEST_ONLINE) : now;
            expires = byGrace.isAfter(byRequest) ? byGrace : byRequest;
        }
        if (!expires.isAfter(now)) {
            lastActive.remove(userId);
            goneAt.remove(userId);
            written.remove(userId);
            return;
        }
        Written before = written.get(userId);
        boolean stale = before == null || before.connections() != connections
                || before.expiresAt().isBefore(now.plus(TICK.multipliedBy(3)))
                || Duration.between(before.lastActive(), active).compareTo(Duration.ofSeconds(30)) > 0
                || (connections == 0 && !before.expiresAt().equals(expires));
        if (force || stale) {
            rows.add(new PresenceRepository.Row(userId, connections, active, expires));
            written.put(userId, new Written(connections, active, expires));
        }
    }

    /**
     * A client without a stream counts as online for a while after each request; activity that came
     * before a stream closed does not, or closing the chat would leave its user online that long.
     */
    private boolean onlineByRequest(String userId, Instant active, Instant now) {
        Instant gone = goneAt.get(userId);
        return active.isAfter(now.minus(REQUEST_ONLINE)) && (gone == null || active.isAfter(gone));
    }

    /** Announces pending changes (streams opened, users back from idle) in one event. */
    private void flush() {
        if (dirty.isEmpty()) {
            return;
        }
        Set<String> batch = new HashSet<>(dirty);
        dirty.removeAll(batch);
        try {
            transactions.call(() -> {
                announceChanges(batch);
                return null;
            });
        } catch (Exception e) {
            dirty.addAll(batch);
            LOG.log(Level.FINE, "Presence flush failed; retried shortly", e);
        }
    }

    /**
     * Re-evaluates these users and announces, in one {@code status.changed}, those whose status
     * changed. The event lists only the changes, so its size follows activity, not the company's size.
     *
     * <p>A user setting their own status (a request thread) and this node's presence thread, or another
     * node's, may evaluate one user at once. The announced status is read before what it is computed
     * from, and replaced only if it is still the one read: an evaluation made from a chosen status read
     * before someone changed it can then never overwrite what that change announced (it would flip a
     * fresh "do not disturb" back to online until the next tick). One that lost such a race looks again.
     */
    private void announceChanges(Set<String> userIds) {
        Instant now = clock.instant();
        List<StatusChange> changes = new ArrayList<>();
        Set<String> pending = userIds;
        for (int attempt = 0; attempt < 3 && !pending.isEmpty(); attempt++) {
            Map<String, Status> announced = presence.announced(pending);
            Map<String, ManualStatus> manual = chosen.of(pending);
            Map<String, PresenceRepository.Presence> live = liveWithLocal(now, pending);
            Set<String> raced = new HashSet<>();
            for (String userId : pending) {
                Status before = announced.getOrDefault(userId, Status.OFFLINE);
                Status status = statusOf(manual.get(userId), live.get(userId), now);
                if (before == status) {
                    continue;
                }
                if (presence.announce(userId, before, status)) {
                    changes.add(new StatusChange(userId, status.json()));
                    transactions.afterCommit(() -> {
                        synchronized (announcedCopy) {
                            announcedCopy.put(userId, status);
                            version.incrementAndGet();
                        }
                    });
                } else {
                    raced.add(userId);
                }
            }
            pending = raced;
        }
        if (!changes.isEmpty()) {
            events.toAll(EventTypes.STATUS_CHANGED, new StatusChanged(changes));
        }
    }

    /** Before any application bean is destroyed (the database among them), so no work runs against a closed one. */
    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object ignored) {
        BackgroundThreads.stop(timer, "The presence timer");
    }
}
