package fr.clavardage.platform.persistence;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.util.HashMap;
import java.util.Map;
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
