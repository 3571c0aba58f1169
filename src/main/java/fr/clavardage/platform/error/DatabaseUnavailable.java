package fr.clavardage.platform.error;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.hibernate.exception.JDBCConnectionException;

/**
 * Tells a database that cannot be reached (stopped, restarting, network down, pool unable to open a
 * connection) from a real failure, so that clients get a prompt 503 they can retry rather than an
 * incident. Nothing was written: the failed transaction never committed.
 */
public final class DatabaseUnavailable {

    /** Seconds a client is asked to wait before retrying. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private DatabaseUnavailable() {
    }

    public static boolean causedBy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof JDBCConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                // Class 08: connection exceptions; 57P01-03: the server is shutting down, crashed or starting.
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
                    return true;
                }
            }
        }
        return false;
    }

    public static ApiError error() {
        return ApiError.of("database_unavailable",
                "The database cannot be reached right now; nothing was changed. Try again in a few seconds.");
    }
}
