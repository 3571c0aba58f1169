package fr.clavardage.realtime;

import fr.clavardage.access.Audience;
import fr.clavardage.platform.lifecycle.BackgroundThreads;
import fr.clavardage.platform.persistence.DataSources;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * On PostgreSQL, listens for other nodes' commits ({@code NOTIFY clv_events}) on one held connection
 * and wakes the dispatcher, which reads what is new from the log: a logged event's notification
 * carries no data, so the log stays the single source of truth. Ephemeral events (typing) travel in
 * the payload itself, a few dozen bytes, far below NOTIFY's 8000-byte limit.
 */
@ApplicationScoped
public class PostgresListener {

    private static final Logger LOG = Logger.getLogger(PostgresListener.class.getName());
    static final String EPHEMERAL_PREFIX = "x:";

    @Inject
    Cluster cluster;
    @Inject
    DataSources dataSources;
    @Inject
    Dispatcher dispatcher;

    /** How long one wait for notifications lasts: also how soon the thread sees that it must stop. */
    private static final int POLL_MILLIS = 500;
    private static final long STOP_MILLIS = 5_000;

    private volatile boolean running;
    private Thread thread;
    /** Unlogged events waiting to be broadcast after their transaction committed, sent by one thread. */
    private final Queue<ChatEvent> toBroadcast = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean broadcastScheduled = new AtomicBoolean();
    /** Unlogged events per NOTIFY statement: well within a transaction's share of the notification queue. */
    private static final int BROADCAST_BATCH = 500;
    private final ExecutorService broadcaster = Executors.newSingleThreadExecutor(StreamRegistry.daemon("clavardage-pg-notify"));

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (!cluster.isPostgres()) {
            return;
        }
        running = true;
        thread = new Thread(this::listen, "clavardage-pg-listener");
        thread.setDaemon(true);
        thread.start();
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSources.get().getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + cluster.notifyChannel());
                }
                // Anything committed while this connection was not listening is read now.
                dispatcher.wake();
                PgNotifications pg = PgNotifications.of(connection);
                while (running) {
                    for (String payload : pg.await(POLL_MILLIS)) {
                        if (payload != null && payload.startsWith(EPHEMERAL_PREFIX)) {
                            dispatcher.deliverEphemeral(ephemeral(payload.substring(EPHEMERAL_PREFIX.length())));
                        } else {
                            dispatcher.wake();
                        }
                    }
                }
            } catch (Exception e) {
                if (running) {
                    LOG.log(Level.WARNING, "Lost the PostgreSQL listener connection; reconnecting", e);
                    sleep();
                }
            }
        }
    }

    /**
     * Broadcasts an unlogged event (typing, a read marker) to every node, this one included, soon, on
     * this class's own thread, with a connection of its own in autocommit. Not with the caller's
     * transaction: PostgreSQL serializes the commits of transactions that NOTIFY (a database-wide lock
     * held through the commit), which would queue every read marker behind the others again. Called
     * once the caller's transaction committed, if any, so nothing of a rollback is sent; and the caller
     * never waits for it, so no request holds a connection while it waits for another, nor takes a
     * second one. Events that wait together go in one statement: one connection and one commit for a
     * batch, not for each event, which matters most when the pool is busiest.
     */
    void broadcastSoon(ChatEvent event) {
        toBroadcast.add(event);
        if (broadcastScheduled.compareAndSet(false, true)) {
            try {
                broadcaster.execute(this::broadcastPending);
            } catch (RejectedExecutionException stopping) {
                // the node is stopping
            }
        }
    }

    private void broadcastPending() {
        broadcastScheduled.set(false);
        while (!toBroadcast.isEmpty()) {
            List<String> payloads = new ArrayList<>();
            for (ChatEvent event; payloads.size() < BROADCAST_BATCH && (event = toBroadcast.poll()) != null; ) {
                payloads.add(encodeEphemeral(event));
            }
            // Within one transaction PostgreSQL drops a notification identical to an earlier one: for
            // these notices (the same user typing, the same read marker) that loses nothing.
            try (Connection connection = dataSources.get().getConnection();
                 var statement = connection.prepareStatement("select pg_notify(?, payload) from unnest(?) as payload")) {
                connection.setAutoCommit(true);
                statement.setString(1, cluster.notifyChannel());
                statement.setArray(2, connection.createArrayOf("text", payloads.toArray()));
                statement.execute();
            } catch (java.sql.SQLException e) {
                LOG.log(Level.FINE, "Could not broadcast " + payloads.size() + " unlogged events", e);
            }
        }
    }

    /**
     * An unlogged event as a NOTIFY payload: {@code x:type|audience|channelId|userId|json}, where ids
     * (never containing {@code |}) may be empty. Small by construction, far below NOTIFY's 8000 bytes.
     */
    static String encodeEphemeral(ChatEvent event) {
        return EPHEMERAL_PREFIX + event.type() + "|" + event.audience() + "|"
                + (event.channelId() == null ? "" : event.channelId()) + "|"
                + (event.userId() == null ? "" : event.userId()) + "|" + event.payload();
    }

    static ChatEvent ephemeral(String body) {
        String[] parts = body.split("\\|", 5);
        return new ChatEvent(0, parts[0], Audience.valueOf(parts[1]), parts[2].isEmpty() ? null : Long.parseLong(parts[2]),
                parts[3].isEmpty() ? null : parts[3], parts[4], java.time.Instant.now());
    }

    private static void sleep() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops the thread and waits for it, so that nothing of the module runs after an undeploy (a
     * container reports a thread still running then as a leak, and it would hold the class loader).
     * Before any application bean is destroyed (the database among them), so that nothing runs
     * against a closed one.
     */
    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object ignored) {
        running = false;
        BackgroundThreads.stop(broadcaster, "The PostgreSQL broadcaster");
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(STOP_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                LOG.warning("The PostgreSQL listener did not stop within " + STOP_MILLIS + " ms");
            }
        }
    }
}
