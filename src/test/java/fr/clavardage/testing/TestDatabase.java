package fr.clavardage.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The database a test runs on: H2 in memory, or PostgreSQL when the build runs the
 * {@code it-postgresql} execution ({@code -Dtest.db=postgresql}). Each call to {@link #fresh} gives an
 * empty database (a new H2 memory database, or a new PostgreSQL schema), so test classes never see
 * each other's data.
 */
public final class TestDatabase {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private TestDatabase() {
    }

    public static boolean isPostgres() {
        return "postgresql".equals(System.getProperty("test.db", "h2"));
    }

    public static String pgUrl() {
        return System.getProperty("test.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
    }

    public static String pgUser() {
        return System.getProperty("test.pg.user", "postgres");
    }

    /** A JDBC URL (with the user in it) of a new, empty database. */
    public static String fresh(String purpose) {
        int n = COUNTER.incrementAndGet();
        if (!isPostgres()) {
            return "jdbc:h2:mem:" + purpose + n
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
        }
        String schema = ("it_" + purpose + "_" + ProcessHandle.current().pid() + "_" + n).toLowerCase();
        try (Connection c = DriverManager.getConnection(pgUrl(), pgUser(), "");
             Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + schema + " cascade");
            s.execute("create schema " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare PostgreSQL schema " + schema, e);
        }
        String separator = pgUrl().contains("?") ? "&" : "?";
        return pgUrl() + separator + "currentSchema=" + schema + "&user=" + pgUser();
    }

    static boolean postgresReachable() {
        try (Connection c = DriverManager.getConnection(pgUrl(), pgUser(), "")) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }
}
