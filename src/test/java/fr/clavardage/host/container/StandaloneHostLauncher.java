package fr.clavardage.host.container;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import fr.clavardage.testing.HostConnector;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.ee10.annotations.AnnotationConfiguration;
import org.eclipse.jetty.ee10.plus.webapp.EnvConfiguration;
import org.eclipse.jetty.ee10.plus.webapp.PlusConfiguration;
import org.eclipse.jetty.ee10.servlet.security.ConstraintMapping;
import org.eclipse.jetty.ee10.servlet.security.ConstraintSecurityHandler;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.plus.jndi.Resource;
import org.eclipse.jetty.security.Constraint;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.security.authentication.BasicAuthenticator;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.security.Password;

/**
 * A stand-in for a real host, not the demo: a plain Jetty that mounts the packaged WAR unchanged,
 * binds its DataSource in JNDI, authenticates users itself (container BASIC auth against its own user
 * store) and tells the module where its users are with one context parameter. Used by
 * {@code StandaloneHostIT} in a JVM of its own.
 *
 * <p>Arguments (system properties): {@code host.jdbc} (the host database), {@code host.users}
 * (login:password pairs, comma-separated), {@code clavardage.war}, and optionally {@code host.port}
 * (default: any free port) and {@code host.pool.timeout-ms} (default 30000).
 */
public final class StandaloneHostLauncher {

    private StandaloneHostLauncher() {
    }

    /**
     * What a real servlet container has on its own classpath: Jetty, the servlet API, a pool and the
     * JDBC drivers for the DataSource it binds, and this launcher. Nothing of the module: it comes from
     * the WAR alone, loaded by the webapp's class loader.
     */
    public static String classpath() {
        return ServerClasspath.of(path -> (path.contains("/org/eclipse/jetty/") && !path.contains("jetty-ee10-cdi"))
                || path.contains("/org/ow2/asm/") || path.contains("jakarta.servlet-api")
                || path.contains("jakarta.annotation-api") || path.contains("jakarta.transaction-api")
                || path.contains("/org/slf4j/") || path.contains("HikariCP") || path.contains("/org/postgresql/")
                || path.contains("/com/h2database/") || path.endsWith("test-classes"));
    }

    public static void main(String[] args) throws Exception {
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(System.getProperty("host.jdbc"));
        pool.setMaximumPoolSize(10);
        // How long a request waits for a connection the pool cannot open (database down): Hikari's 30 s by default.
        pool.setConnectionTimeout(Long.getLong("host.pool.timeout-ms", 30_000));
        HikariDataSource dataSource = new HikariDataSource(pool);

        Server server = HostConnector.server();
        ServerConnector connector = HostConnector.create(server, "127.0.0.1", Integer.getInteger("host.port", 0));
        server.addConnector(connector);

        WebAppContext module = new WebAppContext();
        module.setContextPath("/clavardage");
        module.setWar(Path.of(System.getProperty("clavardage.war")).toAbsolutePath().toString());
        module.setTempDirectory(Files.createTempDirectory("clavardage-host").toFile());
        // Servlet-spec class loading: the webapp's own classes and libraries first, as in production.
        module.setParentLoaderPriority(false);
        module.addConfiguration(new AnnotationConfiguration(), new PlusConfiguration(), new EnvConfiguration());
        new Resource(module, "jdbc/clavardage", dataSource);
        // How the host's users and rights reach the module: one query over the host's own table.
        module.setInitParameter("clavardage.host.users-query",
                "select id, login, full_name, email, active, can_chat, is_admin from erp_user");

        // The host authenticates; the module only reads who it is.
        UserStore store = new UserStore();
        for (String pair : System.getProperty("host.users").split(",")) {
            String[] loginPassword = pair.split(":", 2);
            store.addUser(loginPassword[0], new Password(loginPassword[1]), new String[] {"employee"});
        }
        HashLoginService realm = new HashLoginService("ERP");
        realm.setUserStore(store);
        ConstraintSecurityHandler security = new ConstraintSecurityHandler();
        security.setAuthenticator(new BasicAuthenticator());
        security.setLoginService(realm);
        ConstraintMapping everything = new ConstraintMapping();
        everything.setPathSpec("/*");
        everything.setConstraint(Constraint.from("employee"));
        security.addConstraintMapping(everything);
        module.setSecurityHandler(security);

        server.setHandler(module);
        server.start();
        System.out.println("Standalone host ready at http://127.0.0.1:" + connector.getLocalPort() + "/clavardage/");
        server.join();
    }
}
