package fr.clavardage.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import fr.clavardage.testing.OnEachDatabase;
import fr.clavardage.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.tomcat.dbcp.dbcp2.BasicDataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The listener reads notifications through whatever pool the host binds: Tomcat's default DBCP (whose
 * {@code unwrap(Connection.class)} answers its own wrapper), HikariCP, and the driver's plain DataSource.
 * The class-loader side (a host's driver is not the WAR's copy) is covered by TomcatHostIT.
 */
@Tag("postgresql-only")
@OnEachDatabase
class PgNotificationsIT {

    static Stream<Arguments> pools() {
        String url = TestDatabase.pgUrl();
        String user = TestDatabase.pgUser();
        BasicDataSource dbcp = new BasicDataSource();
        dbcp.setDriverClassName("org.postgresql.Driver");
        dbcp.setUrl(url);
        dbcp.setUsername(user);
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(url);
        hikari.setUsername(user);
        hikari.setMaximumPoolSize(2);
        PGSimpleDataSource plain = new PGSimpleDataSource();
        plain.setURL(url);
        plain.setUser(user);
        return Stream.of(Arguments.of("Tomcat DBCP", dbcp), Arguments.of("HikariCP", new HikariDataSource(hikari)),
                Arguments.of("driver DataSource", plain));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pools")
    void readsNotificationsThroughThePool(String pool, DataSource dataSource) throws Exception {
        String channel = "clv_test_" + pool.replaceAll("\\W", "_").toLowerCase();
        try (Connection listening = dataSource.getConnection(); Connection sending = dataSource.getConnection()) {
            listening.setAutoCommit(true);
            sending.setAutoCommit(true);
            try (Statement s = listening.createStatement()) {
                s.execute("LISTEN " + channel);
            }
            PgNotifications notifications = PgNotifications.of(listening);
            try (Statement s = sending.createStatement()) {
                s.execute("NOTIFY " + channel + ", 'x:hello'");
            }
            List<String> received = new ArrayList<>();
            for (int i = 0; i < 20 && received.isEmpty(); i++) {
                received.addAll(notifications.await(250));
            }
            assertThat(received).as(pool).containsExactly("x:hello");
        } finally {
            if (dataSource instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }
}
