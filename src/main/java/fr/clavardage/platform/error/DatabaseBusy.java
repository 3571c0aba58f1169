package fr.clavardage.platform.error;

import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.PessimisticLockException;
import java.sql.SQLException;

/**
 * A transaction that gave up waiting for a lock, or that the database chose as a deadlock victim: the
 * request did nothing and the same request will most likely succeed a moment later, so clients get a
 * 503 to retry rather than an incident.
 */
public final class DatabaseBusy {

    public static final int RETRY_AFTER_SECONDS = 1;

    private DatabaseBusy() {
    }

    public static boolean causedBy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PessimisticLockException || cause instanceof LockTimeoutException
                    || cause instanceof org.hibernate.PessimisticLockException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                // 40001 serialization failure, 40P01 deadlock, 55P03 lock not available (PostgreSQL); HYT00 lock timeout (H2).
                if (state.equals("40001") || state.equals("40P01") || state.equals("55P03") || state.equals("HYT00")) {
                    return true;
                }
            }
        }
        return false;
    }

    public static ApiError error() {
        return ApiError.of("database_busy",
                "The database is busy with other changes to the same data; nothing was changed. Try again.");
    }
}
