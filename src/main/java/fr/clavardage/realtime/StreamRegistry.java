package fr.clavardage.realtime;

import fr.clavardage.platform.config.ModuleConfig;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** The event streams open on this node, by user. */
@ApplicationScoped
public class StreamRegistry {


    private final Map<String, Set<StreamConnection>> byUser = new ConcurrentHashMap<>();
    private final ExecutorService writers = Executors.newFixedThreadPool(4, daemon("clavardage-stream-writer"));
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(daemon("clavardage-heartbeat"));
    private volatile Consumer<String> onUserGone = userId -> { };

    @PostConstruct
    void startHeartbeat() {
        // Also how a vanished client is noticed: nothing is read from a stream, so only a failed
        // write tells that the other end is gone ({@code clavardage.stream.heartbeat}, default PT15S).
        long every = ModuleConfig.get("clavardage.stream.heartbeat").map(Duration::parse)
                .orElse(Duration.ofSeconds(15)).toMillis();
        heartbeat.scheduleAtFixedRate(() -> all().forEach(StreamConnection::heartbeat), every, every, TimeUnit.MILLISECONDS);
    }

    StreamConnection open(String userId, SseEventSink sink, Sse sse) {
        StreamConnection[] holder = new StreamConnection[1];
        holder[0] = new StreamConnection(userId, sink, sse, writers, () -> remove(holder[0]));
        byUser.computeIfAbsent(userId, id -> ConcurrentHashMap.newKeySet()).add(holder[0]);
        return holder[0];
    }

    private void remove(StreamConnection connection) {
        byUser.computeIfPresent(connection.userId, (id, set) -> {
            set.remove(connection);
            return set.isEmpty() ? null : set;
        });
        if (!byUser.containsKey(connection.userId)) {
            onUserGone.accept(connection.userId);
        }
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

    Collection<StreamConnection> of(String userId) {
        Set<StreamConnection> set = byUser.get(userId);
        return set == null ? List.of() : List.copyOf(set);
    }

    List<StreamConnection> all() {
        return byUser.values().stream().flatMap(Set::stream).toList();
    }

    @PreDestroy
    void shutdown() {
        // Shutting down is not users leaving: presence is not told, its rows simply expire.
        onUserGone = userId -> { };
        heartbeat.shutdownNow();
        all().forEach(StreamConnection::close);
        writers.shutdownNow();
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
