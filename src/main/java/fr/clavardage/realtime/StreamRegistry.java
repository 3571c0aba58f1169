package fr.clavardage.realtime;

import fr.clavardage.platform.config.ModuleConfig;
import fr.clavardage.platform.lifecycle.BackgroundThreads;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** The event streams open on this node, by user, and their heartbeat. */
@ApplicationScoped
public class StreamRegistry {

    private final Map<String, Set<StreamConnection>> byUser = new ConcurrentHashMap<>();
    /** By HTTP session id, for the streams opened in one: a session's end finds its streams without a scan. */
    private final Map<String, Set<StreamConnection>> bySession = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(daemon("clavardage-heartbeat"));
    private volatile Consumer<String> onUserGone = userId -> { };

    @PostConstruct
    void startHeartbeat() {
        // Nothing is read from a stream, so only a write tells that the other end is gone; the same
        // tick closes streams whose client has not taken any output for two intervals.
        long every = heartbeatInterval().toMillis();
        long stallNanos = TimeUnit.MILLISECONDS.toNanos(2 * every);
        heartbeat.scheduleAtFixedRate(() -> all().forEach(connection -> connection.heartbeat(stallNanos)),
                every, every, TimeUnit.MILLISECONDS);
    }

    /** {@code clavardage.stream.heartbeat}, default PT15S. */
    static Duration heartbeatInterval() {
        return ModuleConfig.get("clavardage.stream.heartbeat").map(Duration::parse).orElse(Duration.ofSeconds(15));
    }

    void add(StreamConnection connection) {
        byUser.computeIfAbsent(connection.userId, id -> ConcurrentHashMap.newKeySet()).add(connection);
        if (connection.sessionId != null) {
            bySession.computeIfAbsent(connection.sessionId, id -> ConcurrentHashMap.newKeySet()).add(connection);
        }
    }

    /** Closes the streams opened in that session; each then leaves through {@link #remove}. */
    void closeSession(String sessionId) {
        Set<StreamConnection> opened = bySession.remove(sessionId);
        if (opened != null) {
            opened.forEach(StreamConnection::close);
        }
    }

    void renameSession(String oldId, String newId) {
        Set<StreamConnection> opened = bySession.remove(oldId);
        if (opened != null) {
            opened.forEach(connection -> connection.sessionId = newId);
            bySession.merge(newId, opened, (a, b) -> {
                a.addAll(b);
                return a;
            });
        }
    }

    /** Returns true when it was the user's last stream on this node. */
    boolean remove(StreamConnection connection) {
        String sessionId = connection.sessionId;
        if (sessionId != null) {
            bySession.computeIfPresent(sessionId, (id, set) -> set.remove(connection) && set.isEmpty() ? null : set);
        }
        boolean[] last = new boolean[1];
        byUser.computeIfPresent(connection.userId, (id, set) -> {
            if (set.remove(connection) && set.isEmpty()) {
                last[0] = true;
                return null;
            }
            return set;
        });
        if (last[0]) {
            onUserGone.accept(connection.userId);
        }
        return last[0];
    }

    /** Called when a user's last stream on this node closes. */
    public void onUserGone(Consumer<String> listener) {
        this.onUserGone = listener;
    }

    public Set<String> connectedUsers() {
        return Set.copyOf(byUser.keySet());
    }

    public int connectionCount(String userId) {
        Set<StreamConnection> set = byUser.get(userId);
        return set == null ? 0 : set.size();
    }

    /**
     * Hands {@code receiver} each connection of each of {@code userIds} (of every connected user when
     * null) that {@code receives} lets through: one call per event from the dispatcher rather than
     * one per receiver, since every call through this bean's proxy is a reflective invocation, and no
     * copy of the connected users for an event to everyone.
     */
    void forEachConnection(Iterable<String> userIds, Predicate<String> receives,
                           Consumer<StreamConnection> receiver) {
        if (userIds == null) {
            byUser.forEach((userId, connections) -> {
                if (receives.test(userId)) {
                    connections.forEach(receiver);
                }
            });
            return;
        }
        for (String userId : userIds) {
            Set<StreamConnection> connections = byUser.get(userId);
            if (connections != null && receives.test(userId)) {
                connections.forEach(receiver);
            }
        }
    }

    List<StreamConnection> all() {
        return byUser.values().stream().flatMap(Set::stream).toList();
    }

    /** Before any application bean is destroyed (the database among them), so no work runs against a closed one. */
    void shutdown(@Observes @BeforeDestroyed(ApplicationScoped.class) Object ignored) {
        // Shutting down is not users leaving: presence is not told, its rows simply expire.
        onUserGone = userId -> { };
        all().forEach(StreamConnection::close);
        BackgroundThreads.stop(heartbeat, "The stream heartbeat");
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
