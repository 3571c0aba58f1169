package fr.clavardage.platform.persistence;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.flywaydb.core.Flyway;

/**
 * Brings the module's tables up to date, then opens JPA on them. Runs once at application start so a
 * broken database stops the deployment instead of the first user's request. Hibernate only validates
 * the schema: the migrations own it.
 */
@ApplicationScoped
public class Database {

    /** Migration history of the module, kept apart from the host's own. */
    public static final String HISTORY_TABLE = "clv_schema_history";
    public static final String MIGRATIONS = "classpath:db/clavardage";

    private static final Logger LOG = Logger.getLogger(Database.class.getName());

    @Inject
    DataSources dataSources;

    private EntityManagerFactory emf;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        entityManagerFactory();
    }

    public synchronized EntityManagerFactory entityManagerFactory() {
        if (emf == null) {
            migrate();
            Map<String, Object> properties = new HashMap<>();
            properties.put("jakarta.persistence.nonJtaDataSource", dataSources.get());
            properties.put("hibernate.hbm2ddl.auto", "validate");
            emf = Persistence.createEntityManagerFactory("clavardage", properties);
        }
        return emf;
    }

    private void migrate() {
        Flyway flyway = Flyway.configure(Database.class.getClassLoader())
                .dataSource(dataSources.get())
                .locations(MIGRATIONS)
                .table(HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load();
        var result = flyway.migrate();
        // Flyway names a target version only when it applied something: on a restart, ask the history.
        String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : currentVersion(flyway);
        LOG.info(() -> "Clavardage schema at version " + version
                + " (" + result.migrationsExecuted + " migration(s) applied now)");
        warnIfCommitsAreDelayed();
    }

    /**
     * H2 keeps commits in memory for up to WRITE_DELAY ms (500 by default) before writing them: a
     * crash of the JVM then loses messages the module has already acknowledged. Hosts decide their
     * database's settings, so this says so loudly rather than changing it (docs/host-integration.md).
     */
    private void warnIfCommitsAreDelayed() {
        try (Connection c = dataSources.get().getConnection()) {
            if (!"H2".equals(c.getMetaData().getDatabaseProductName()) || c.getMetaData().getURL().contains(":mem:")) {
                return;
            }
            try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(
                    "select setting_value from information_schema.settings where setting_name = 'WRITE_DELAY'")) {
                if (rows.next() && Integer.parseInt(rows.getString(1).strip()) > 0) {
                    LOG.warning("H2 WRITE_DELAY is " + rows.getString(1).strip() + " ms: a crash loses the messages "
                            + "acknowledged in that window. Add ;WRITE_DELAY=0 to the database URL.");
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.FINE, "Could not read H2's WRITE_DELAY", e);
        }
    }

    private static String currentVersion(Flyway flyway) {
        var current = flyway.info().current();
        return current == null || current.getVersion() == null ? "none" : current.getVersion().getVersion();
    }

    @PreDestroy
    void close() {
        if (emf != null) {
            emf.close();
        }
    }
}
