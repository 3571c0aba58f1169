package fr.clavardage.host.container;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
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
 * (login:password pairs, comma-separated), {@code clavardage.war}.
 */
public final class StandaloneHostLauncher {

    private StandaloneHostLauncher() {
    }

    public static void main(String[] args) throws Exception {
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(System.getProperty("host.jdbc"));
        pool.setMaximumPoolSize(10);
        HikariDataSource dataSource = new HikariDataSource(pool);

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
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
