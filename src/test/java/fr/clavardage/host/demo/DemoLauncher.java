package fr.clavardage.host.demo;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import fr.clavardage.testing.HostConnector;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.ee10.annotations.AnnotationConfiguration;
import org.eclipse.jetty.ee10.plus.webapp.EnvConfiguration;
import org.eclipse.jetty.ee10.plus.webapp.PlusConfiguration;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.plus.jndi.Resource;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.server.handler.DefaultHandler;

/**
 * Starts the demo host: embedded Jetty serving the packaged WAR at /clavardage, unchanged, plus the demo
 * host's jar (target/clavardage-demo.jar) on the webapp's classpath, with an H2 file database bound in
 * JNDI exactly where a real host binds its DataSource. Run by {@code mvn -Pdemo package}.
 *
 * <p>Settings (system properties): {@code clavardage.port} (8080; 0 picks a free one),
 * {@code clavardage.bind} (127.0.0.1), {@code clavardage.data} (the folder of the H2 database, kept
 * across restarts), {@code clavardage.demo.jdbc} (a JDBC URL to use instead of H2, for example a
 * PostgreSQL database shared by several nodes), {@code clavardage.war} and {@code clavardage.demo.jar}
 * (the two archives; the jar defaults to the WAR's sibling {@code clavardage-demo.jar}),
 * {@code clavardage.demo.timings} ({@code true} serves the node's own request timings to the load
 * tool, see {@link RequestTimings}).
 */
public final class DemoLauncher {

    private DemoLauncher() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(System.getProperty("clavardage.port", "8080"));
        String bind = System.getProperty("clavardage.bind", "127.0.0.1");
        Path data = Path.of(System.getProperty("clavardage.data", "demo-data")).toAbsolutePath();
        Path war = Path.of(System.getProperty("clavardage.war", "target/clavardage.war")).toAbsolutePath();
        // The demo host's own jar, beside the WAR: the demo is not inside the WAR a host deploys.
        Path demo = Path.of(System.getProperty("clavardage.demo.jar",
                war.resolveSibling("clavardage-demo.jar").toString())).toAbsolutePath();
        for (Path built : new Path[] {war, demo}) {
            if (!Files.isRegularFile(built)) {
                throw new IllegalStateException(built + " is missing: build it with mvn package");
            }
        }
        Files.createDirectories(data);

        HikariConfig pool = new HikariConfig();
        pool.setPoolName("demo-host");
        String jdbc = System.getProperty("clavardage.demo.jdbc", "");
        if (jdbc.isBlank()) {
            jdbc = "jdbc:h2:file:" + data.resolve("erp") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                    // Commits written at once: H2 otherwise keeps them 500 ms in memory, lost on a crash.
                    // Row locks waited for as long as a pooled connection (H2 gives up after 1 s by default).
                    + ";WRITE_DELAY=0;LOCK_TIMEOUT=10000";
        }
        pool.setJdbcUrl(jdbc);
        // The host's pool, as an ERP would size it for the chat (docs/host-integration.md, "Connection pool").
        pool.setMaximumPoolSize(Integer.getInteger("clavardage.db.pool.size", 20));
        pool.setConnectionTimeout(java.time.Duration.parse(System.getProperty("clavardage.db.pool.timeout", "PT10S")).toMillis());
        HikariDataSource dataSource = new HikariDataSource(pool);

        Server server = HostConnector.server();
        ServerConnector connector = HostConnector.create(server, bind, port);
        server.addConnector(connector);

        WebAppContext module = new WebAppContext();
        module.setContextPath("/clavardage");
        module.setWar(war.toString());
        // The host's additions, as a real host adds its own beans: a bean archive on the webapp's
        // classpath, scanned like WEB-INF/lib (CDI beans, @WebServlet), the WAR itself left untouched.
        module.setExtraClasspath(demo.toString());
        module.setTempDirectory(Files.createTempDirectory("clavardage-demo").toFile());
        // The launcher's classpath already holds the module's libraries (Maven's test scope); loading
        // them parent-first keeps one copy of each API, as the Arquillian adapter does by default.
        module.setParentLoaderPriority(true);
        module.addConfiguration(new AnnotationConfiguration(), new PlusConfiguration(), new EnvConfiguration());
        // Lets Weld decorate servlets and filters with injection under Jetty 12.
        module.setInitParameter("org.eclipse.jetty.cdi", "CdiDecoratingListener");
        // The host's database, where the module's descriptor says it looks for it.
        new Resource(module, "jdbc/clavardage", dataSource);

        Handler modules = new ContextHandlerCollection(module);
        // Load runs time the requests inside the node too (docs/performance.md, "Metrics").
        server.setHandler(Boolean.getBoolean("clavardage.demo.timings") ? new RequestTimings(modules) : modules);
        server.setDefaultHandler(new RootRedirect());
        server.start();
        String host = bind.equals("0.0.0.0") ? "localhost" : bind;
        System.out.println();
        System.out.println("  Clavardage demo host is running:  http://" + host + ":" + connector.getLocalPort()
                + "/clavardage/demo/");
        System.out.println("  Database:                         " + jdbc);
        System.out.println("  Stop with Ctrl+C.");
        System.out.println();
        server.join();
    }

    /** The bare host URL leads to the demo ERP. */
    private static final class RootRedirect extends DefaultHandler {
        @Override
        public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
                              org.eclipse.jetty.util.Callback callback) throws Exception {
            if ("/".equals(request.getHttpURI().getPath())) {
                org.eclipse.jetty.server.Response.sendRedirect(request, response, callback, "/clavardage/demo/");
                return true;
            }
            return super.handle(request, response, callback);
        }
    }
}
