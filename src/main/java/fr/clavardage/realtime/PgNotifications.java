package fr.clavardage.realtime;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.postgresql.PGConnection;

/**
 * Reads PostgreSQL notifications from a connection the host's pool handed out, whatever the pool: it
 * asks for the driver's {@code PGConnection} through {@link Connection#unwrap}, which every pool
 * (Tomcat's DBCP, HikariCP, a plain driver DataSource) forwards to the driver's connection, where
 * {@code unwrap(Connection.class)} may answer the pool's own wrapper (DBCP does). The interface is
 * taken from the pool's side first: a host's driver usually lives in the container's class loader,
 * where the WAR's copy of {@code PGConnection} is another class that the driver does not implement.
 */
final class PgNotifications {

    private static final String INTERFACE = "org.postgresql.PGConnection";

    private final Object driverConnection;
    private final Method getNotifications;
    private final Method getParameter;

    private PgNotifications(Object driverConnection, Class<?> pgConnection) throws ReflectiveOperationException {
        this.driverConnection = driverConnection;
        this.getNotifications = pgConnection.getMethod("getNotifications", int.class);
        this.getParameter = pgConnection.getClassLoader().loadClass("org.postgresql.PGNotification").getMethod("getParameter");
    }

    /** The notifications of {@code pooled}; fails if no PostgreSQL driver connection is behind it. */
    static PgNotifications of(Connection pooled) throws SQLException {
        for (Class<?> pgConnection : candidates(pooled)) {
            if (pooled.isWrapperFor(pgConnection)) {
                try {
                    return new PgNotifications(pooled.unwrap(pgConnection), pgConnection);
                } catch (ReflectiveOperationException e) {
                    throw new SQLException("The PostgreSQL driver behind the pool has no notifications API", e);
                }
            }
        }
        throw new SQLException("Not a PostgreSQL connection, or its pool does not unwrap it: " + pooled.getClass().getName());
    }

    /** The driver's interface as the pool's class loader sees it, then as the thread's and the module's do. */
    private static Set<Class<?>> candidates(Connection pooled) {
        Set<Class<?>> candidates = new LinkedHashSet<>();
        for (ClassLoader loader : new ClassLoader[] {pooled.getClass().getClassLoader(),
                Thread.currentThread().getContextClassLoader()}) {
            if (loader != null) {
                try {
                    candidates.add(Class.forName(INTERFACE, false, loader));
                } catch (ClassNotFoundException e) {
                    // This loader cannot see a PostgreSQL driver; try the next.
                }
            }
        }
        candidates.add(PGConnection.class);
        return candidates;
    }

    /** Waits up to {@code timeoutMillis} for notifications; answers their payloads (empty when none came). */
    List<String> await(int timeoutMillis) throws SQLException {
        try {
            Object[] notifications = (Object[]) getNotifications.invoke(driverConnection, timeoutMillis);
            List<String> payloads = new ArrayList<>();
            if (notifications != null) {
                for (Object notification : notifications) {
                    payloads.add((String) getParameter.invoke(notification));
                }
            }
            return payloads;
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new SQLException("Reading notifications failed", e.getCause());
        } catch (IllegalAccessException e) {
            throw new SQLException("Reading notifications failed", e);
        }
    }
}
