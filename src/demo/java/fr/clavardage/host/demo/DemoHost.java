package fr.clavardage.host.demo;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The demo host: a stand-in ERP with its own user table, a login picker and a shell page. It is not
 * part of the module's WAR: this jar is added to the webapp by the demo launcher and the tests, and
 * plugs into the module through the public host SPI only ({@code fr.clavardage.host}), as a real
 * host's own beans would. Present means on; a WAR deployed without this jar has no demo at all.
 */
@ApplicationScoped
public class DemoHost {

    /** Demo users sign in over HTTP Basic with this password (for curl); the browser uses the picker. */
    static final String PASSWORD = "demo";
    static final String SESSION_USER = "demo.userId";
    /** Where the demo launcher and the test deployments bind the ERP's database, as a real host does. */
    static final String DATA_SOURCE = "java:comp/env/jdbc/clavardage";

    private static final Logger LOG = Logger.getLogger(DemoHost.class.getName());

    private volatile DataSource dataSource;

    /** The ERP's own database, which the host knows without asking the module. */
    DataSource dataSource() {
        DataSource found = dataSource;
        if (found == null) {
            try {
                found = (DataSource) new InitialContext().lookup(DATA_SOURCE);
            } catch (NamingException e) {
                throw new IllegalStateException("The demo host needs its DataSource at " + DATA_SOURCE, e);
            }
            dataSource = found;
        }
        return found;
    }

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        Flyway.configure(DemoHost.class.getClassLoader())
                .dataSource(dataSource())
                .locations("classpath:db/demo-host")
                .table("demo_schema_history")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        LOG.info("Demo host enabled: users are in demo_user; sign in at /demo/login");
    }
}
