package fr.clavardage.platform.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import fr.clavardage.platform.config.ModuleConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * The host's database. A host binds it in JNDI at {@code java:comp/env/jdbc/clavardage} (as the
 * descriptor and web.xml declare; {@code clavardage.db.jndi} names another); a launcher or a tool
 * without JNDI gives a JDBC URL instead, and the module pools it itself.
 */
@ApplicationScoped
public class DataSources {

    /** Size of the module's own pool (only when it is given a JDBC URL instead of the host's DataSource). */
    public static final String POOL_SIZE = "clavardage.db.pool.size";
    /** How long a request waits for a pooled connection before failing (ISO-8601, default PT10S). */
    public static final String POOL_TIMEOUT = "clavardage.db.pool.timeout";

    private static final Logger LOG = Logger.getLogger(DataSources.class.getName());

    private DataSource dataSource;
    private HikariDataSource ownPool;

    public synchronized DataSource get() {
        if (dataSource == null) {
            dataSource = ModuleConfig.get(ModuleConfig.DB_URL).map(this::pool).orElseGet(DataSources::lookup);
        }
        return dataSource;
    }

    private DataSource pool(String url) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("clavardage");
        config.setJdbcUrl(url);
        ModuleConfig.get(ModuleConfig.DB_USER).ifPresent(config::setUsername);
        ModuleConfig.get(ModuleConfig.DB_PASSWORD).ifPresent(config::setPassword);
        // Each request holds at most one connection, only while its transaction runs; add one for the
        // PostgreSQL listener and a few for the background threads (dispatcher, presence, purge).
        config.setMaximumPoolSize(ModuleConfig.get(POOL_SIZE).map(Integer::parseInt).orElse(20));
        config.setConnectionTimeout(ModuleConfig.get(POOL_TIMEOUT).map(java.time.Duration::parse)
                .orElse(java.time.Duration.ofSeconds(10)).toMillis());
        LOG.info(() -> "Clavardage uses its own connection pool on " + url);
        ownPool = new HikariDataSource(config);
        return ownPool;
    }

    private static DataSource lookup() {
        String name = ModuleConfig.get(ModuleConfig.DB_JNDI).orElse(ModuleConfig.DEFAULT_JNDI_NAME);
        try {
            DataSource found = (DataSource) new InitialContext().lookup(name);
            LOG.info(() -> "Clavardage uses the host DataSource " + name);
            return found;
        } catch (NamingException e) {
            throw new IllegalStateException("No DataSource: bind one in JNDI as " + name
                    + " or set " + ModuleConfig.DB_URL, e);
        }
    }

    @PreDestroy
    void close() {
        if (ownPool != null) {
            ownPool.close();
        }
    }
}
