package fr.clavardage.host.demo;

import fr.clavardage.platform.config.ModuleConfig;
import fr.clavardage.platform.persistence.DataSources;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.flywaydb.core.Flyway;

/**
 * The demo host: a stand-in ERP with its own user table, a login picker and a shell page. It is the
 * reference implementation of the host SPI and is switched on only by {@code clavardage.demo=true};
 * switched off, it authenticates nobody and serves nothing.
 */
@ApplicationScoped
public class DemoHost {

    /** Demo users sign in over HTTP Basic with this password (for curl); the browser uses the picker. */
    static final String PASSWORD = "demo";
    static final String SESSION_USER = "demo.userId";

    private static final Logger LOG = Logger.getLogger(DemoHost.class.getName());

    @Inject
    DataSources dataSources;

    public boolean enabled() {
        return ModuleConfig.flag(ModuleConfig.DEMO);
    }

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (!enabled()) {
            return;
        }
        Flyway.configure(DemoHost.class.getClassLoader())
                .dataSource(dataSources.get())
                .locations("classpath:db/demo-host")
                .table("demo_schema_history")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        LOG.info("Demo host enabled: users are in demo_user; sign in at /demo/login");
    }
}
