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
        config.setMaximumPoolSize(10);
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
