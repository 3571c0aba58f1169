package fr.clavardage.realtime;

import fr.clavardage.platform.persistence.DataSources;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * On PostgreSQL, listens for other nodes' commits ({@code NOTIFY clv_events}) on one held connection
 * and wakes the dispatcher, which reads what is new from the log. Notifications carry no data, so
 * the 8000-byte payload limit never matters and the log stays the single source of truth.
 */
@ApplicationScoped
public class PostgresListener {

    private static final Logger LOG = Logger.getLogger(PostgresListener.class.getName());

    @Inject
    Cluster cluster;
    @Inject
    DataSources dataSources;
    @Inject
    Dispatcher dispatcher;

    private volatile boolean running;
    private Thread thread;

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
                    statement.execute("LISTEN " + Events.NOTIFY_CHANNEL);
                }
                // Anything committed while this connection was not listening is read now.
                dispatcher.wake();
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(5_000);
                    if (notifications != null && notifications.length > 0) {
                        dispatcher.wake();
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

    private static void sleep() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
