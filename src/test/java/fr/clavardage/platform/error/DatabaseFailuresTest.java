package fr.clavardage.platform.error;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.PersistenceException;
import jakarta.persistence.PessimisticLockException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/** Which database failures are a 503 to retry (busy, out of reach) and which remain incidents. */
class DatabaseFailuresTest {

    private static RuntimeException wrapped(Throwable cause) {
        return new PersistenceException("wrapped", new IllegalStateException("deeper", cause));
    }

    @Test
    void lockTimeoutsAndDeadlocksAreBusy() {
        assertThat(DatabaseBusy.causedBy(wrapped(new SQLException("Timeout trying to lock table", "HYT00")))).isTrue();
        assertThat(DatabaseBusy.causedBy(wrapped(new SQLException("deadlock detected", "40P01")))).isTrue();
        assertThat(DatabaseBusy.causedBy(wrapped(new SQLException("could not serialize", "40001")))).isTrue();
        assertThat(DatabaseBusy.causedBy(new PessimisticLockException("lock"))).isTrue();
        assertThat(DatabaseUnavailable.causedBy(wrapped(new SQLException("deadlock detected", "40P01")))).isFalse();
    }

    @Test
    void aDatabaseOutOfReachIsUnavailable() {
        assertThat(DatabaseUnavailable.causedBy(wrapped(new SQLException("I/O error", "08006")))).isTrue();
        assertThat(DatabaseUnavailable.causedBy(wrapped(new SQLTransientConnectionException("pool timed out")))).isTrue();
        assertThat(DatabaseUnavailable.causedBy(wrapped(new SQLException("the database system is starting up", "57P03"))))
                .isTrue();
        assertThat(DatabaseBusy.causedBy(wrapped(new SQLException("I/O error", "08006")))).isFalse();
    }

    @Test
    void otherFailuresStayIncidents() {
        SQLException duplicate = new SQLException("duplicate key", "23505");
        SQLException syntax = new SQLException("syntax error", "42601");
        for (Throwable failure : new Throwable[] {wrapped(duplicate), wrapped(syntax), new IllegalStateException("bug")}) {
            assertThat(DatabaseBusy.causedBy(failure)).as(failure.toString()).isFalse();
            assertThat(DatabaseUnavailable.causedBy(failure)).as(failure.toString()).isFalse();
        }
    }
}
