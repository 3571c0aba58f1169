package fr.clavardage.platform.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import fr.clavardage.testing.OnEachDatabase;
import fr.clavardage.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

/** The module's migrations on a database that already holds a host's tables, run as at every start. */
@OnEachDatabase
class MigrationsIT {

    private static Flyway flyway(String url) {
        return Flyway.configure().dataSource(url, null, null)
                .locations(Database.MIGRATIONS).table(Database.HISTORY_TABLE)
                .baselineOnMigrate(true).baselineVersion("0").load();
    }

    @Test
    void createOnlyPrefixedTablesBesideTheHostsAndRunAgainSafely() throws SQLException {
        String url = TestDatabase.fresh("migrations");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("create table erp_invoice (id bigint primary key, total numeric(10,2))");
            s.execute("insert into erp_invoice values (1, 99.90)");
        }
        MigrateResult first = flyway(url).migrate();
        assertThat(first.migrationsExecuted).isGreaterThanOrEqualTo(1);
        MigrateResult second = flyway(url).migrate();
        assertThat(second.migrationsExecuted).isZero();

        try (Connection c = DriverManager.getConnection(url)) {
            List<String> tables = tables(c);
            assertThat(tables).contains("clv_channel", "clv_membership", "clv_post", "clv_profile", "clv_schema_history");
            assertThat(tables).allMatch(t -> t.startsWith("clv_") || t.equals("erp_invoice"));
            try (Statement s = c.createStatement();
                 ResultSet rows = s.executeQuery("select count(*) from erp_invoice")) {
                rows.next();
                assertThat(rows.getInt(1)).as("host data untouched").isEqualTo(1);
            }
            try (Statement s = c.createStatement();
                 ResultSet rows = s.executeQuery("select name from clv_channel where is_general")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("general");
            }
        }
    }

    private static List<String> tables(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        String schema = c.getSchema();
        try (ResultSet rows = c.getMetaData().getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (rows.next()) {
                names.add(rows.getString("TABLE_NAME").toLowerCase());
            }
        }
        return names;
    }
}
