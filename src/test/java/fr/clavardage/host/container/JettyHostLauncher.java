package fr.clavardage.host.container;

import fr.clavardage.testing.HostConnector;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.jetty.ee10.annotations.AnnotationConfiguration;
import org.eclipse.jetty.ee10.plus.webapp.EnvConfiguration;
import org.eclipse.jetty.ee10.plus.webapp.PlusConfiguration;
import org.eclipse.jetty.ee10.webapp.Configurations;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.xml.XmlConfiguration;

/**
 * A Jetty 12 set up as the distribution is with the modules docs/host-integration.md names: its
 * classpath holds what {@code ee10-deploy}, {@code ee10-annotations}, {@code ee10-plus} (which brings
 * the CDI API) and {@code ext} (HikariCP and the PostgreSQL driver) put there
 * ({@link JettyHostIT#serverClasspath()}), the annotation, plus and env configurations are the server's
 * defaults as those modules make them, and each webapp is deployed from the context file a host drops
 * in {@code webapps/} ({@code jetty/clavardage.xml}), read with Jetty's own XmlConfiguration as the
 * deployer does. Used by {@code JettyHostIT} in a JVM of its own.
 *
 * <p>Arguments (system properties): {@code host.work} (where webapps unpack), {@code host.datasource}
 * (the server-level XML binding the pool),
 * {@code host.context} (the context file), {@code host.contexts}
 * (comma-separated context paths: one webapp per path, so two nodes in one Jetty), and the properties
 * those files read ({@code jetty.webapps}, {@code erp.db.url}, {@code erp.db.user}, {@code erp.realm}). Commands on standard input: {@code redeploy <path>} (undeploy then deploy one
 * webapp), {@code stop} (stop the server). After each undeploy it prints the module's threads still
 * alive, as {@code LEAK thread <name>}: what Tomcat's leak detector would report.
 */
public final class JettyHostLauncher {

    private static final Map<String, WebAppContext> DEPLOYED = new ConcurrentHashMap<>();
    private static ContextHandlerCollection contexts;

    private JettyHostLauncher() {
    }

    public static void main(String[] args) throws Exception {
        // As the distribution's bytebufferpool-quadratic module sets the pool.
        Server server = HostConnector.server();
        // As start.ini's jetty.httpConfig.headerCacheSize=0 sets it in the distribution.
        ServerConnector connector = HostConnector.create(server, "127.0.0.1", 0);
        server.addConnector(connector);
        contexts = new ContextHandlerCollection();
        server.setHandler(contexts);
        // What etc/jetty-ee10-annotations.xml and etc/jetty-ee10-plus.xml do in the distribution.
        Configurations.setServerDefault(server)
                .add(new EnvConfiguration(), new PlusConfiguration(), new AnnotationConfiguration());
        // The host's server-level XML (etc/erp-datasource.xml), applied as start.jar applies etc/*.xml.
        XmlConfiguration datasource = new XmlConfiguration(
                ResourceFactory.of(server).newResource(Path.of(System.getProperty("host.datasource"))));
        datasource.getIdMap().put("Server", server);
        for (String property : List.of("erp.db.url", "erp.db.user")) {
            datasource.getProperties().put(property, System.getProperty(property));
        }
        datasource.configure(server);
        server.start();

        // Webapps start side by side, as the deployer starts the context files it finds.
        ExecutorService starting = Executors.newFixedThreadPool(2);
        List<Future<?>> started = new ArrayList<>();
        for (String path : System.getProperty("host.contexts").split(",")) {
            started.add(starting.submit(() -> deploy(server, path)));
        }
        try {
            for (Future<?> each : started) {
                each.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            // A host sees its deployment fail; the test sees it at once rather than at its timeout.
            e.getCause().printStackTrace();
            System.exit(1);
        }
        starting.shutdown();
        System.out.println("Jetty host ready at http://127.0.0.1:" + connector.getLocalPort() + "/");

        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String command;
        while ((command = commands.readLine()) != null) {
            if (command.startsWith("redeploy ")) {
                String path = command.substring("redeploy ".length()).strip();
                undeploy(path);
                System.out.println("Undeployed " + path);
                deploy(server, path);
                System.out.println("Redeployed " + path);
            } else if (command.equals("stop")) {
                List<ClassLoader> loaders = DEPLOYED.values().stream().map(WebAppContext::getClassLoader).toList();
                // As the deployer does when the server stops: each webapp is undeployed, then the server stops.
                // (Contexts added to a running collection are not stopped by the server on their own.)
                for (WebAppContext webapp : DEPLOYED.values()) {
                    webapp.stop();
                }
                server.stop();
                reportLeaks(loaders);
                System.out.println("Jetty host stopped");
                return;
            }
        }
    }

    private static Void deploy(Server server, String path) throws Exception {
        XmlConfiguration xml = new XmlConfiguration(ResourceFactory.of(server).newResource(Path.of(System.getProperty("host.context"))));
        xml.getIdMap().put("Server", server);
        for (String property : List.of("jetty.webapps", "erp.realm")) {
            xml.getProperties().put(property, System.getProperty(property));
        }
        xml.getProperties().put("clavardage.contextPath", path);
        WebAppContext webapp = (WebAppContext) xml.configure();
        // Under the test's own directory (host.work), so that the unpacked WARs go with mvn clean.
        webapp.setTempDirectory(Files.createTempDirectory(Path.of(System.getProperty("host.work")), "webapp").toFile());
        // One at a time: the collection's handler list is replaced, not merged, by each addition.
        synchronized (contexts) {
            contexts.addHandler(webapp);
        }
        webapp.start();
        if (!webapp.isAvailable()) {
            throw new IllegalStateException("The module at " + path + " failed to start", webapp.getUnavailableException());
        }
        DEPLOYED.put(path, webapp);
        System.out.println("Deployed " + webapp.getContextPath() + " from " + webapp.getWar());
        return null;
    }

    private static void undeploy(String path) throws Exception {
        WebAppContext webapp = DEPLOYED.remove(path);
        ClassLoader loader = webapp.getClassLoader();
        webapp.stop();
        synchronized (contexts) {
            contexts.removeHandler(webapp);
        }
        reportLeaks(List.of(loader));
    }

    /**
     * Threads an undeployed webapp started that still run: those whose context class loader is the
     * webapp's (a thread inherits it from the webapp code that creates it), as Tomcat's detector sees them.
     */
    private static void reportLeaks(List<ClassLoader> loaders) {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            ClassLoader loader = thread.getContextClassLoader();
            if (thread.isAlive() && loader != null && loaders.contains(loader)) {
                System.out.println("LEAK thread " + thread.getName() + " failed to stop it");
                for (StackTraceElement frame : thread.getStackTrace()) {
                    System.out.println("    at " + frame);
                }
            }
        }
    }
}
