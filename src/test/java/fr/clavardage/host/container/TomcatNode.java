package fr.clavardage.host.container;

import fr.clavardage.testing.ChildJvm;
import fr.clavardage.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;

/**
 * One Tomcat 10.1 node as docs/host-integration.md tells a host to set it up: the distribution
 * unpacked by the build ({@code test.tomcat.home}, CATALINA_HOME), an instance directory of its own
 * (CATALINA_BASE) with the PostgreSQL driver in {@code lib/}, users and their role in
 * {@code conf/tomcat-users.xml} (the standard UserDatabase realm), and the module's context file
 * {@code conf/Catalina/localhost/clavardage.xml}: the unchanged WAR, a DBCP DataSource (Tomcat's
 * default pool), the users query, and the host's copy of the WAR's deployment descriptor with BASIC
 * authentication added ({@code altDDName}). Started as {@code catalina.sh run} would, in its own JVM.
 */
final class TomcatNode implements AutoCloseable {

    private static final Pattern STARTED = Pattern.compile("Server startup in");
    /** What catalina.sh adds so that Tomcat's leak detection can look into the JDK (without it, it only warns that it cannot). */
    private static final List<String> LEAK_DETECTION_OPENS = List.of(
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.rmi/sun.rmi.transport=ALL-UNNAMED");

    private final String name;
    private final Path base;
    private final int port;
    private final int shutdownPort;
    private ChildJvm jvm;

    private TomcatNode(String name, Path base, int port, int shutdownPort) {
        this.name = name;
        this.base = base;
        this.port = port;
        this.shutdownPort = shutdownPort;
    }

    static Path home() {
        String home = System.getProperty("test.tomcat.home");
        if (home == null || !Files.isDirectory(Path.of(home))) {
            throw new IllegalStateException("No Tomcat distribution at test.tomcat.home=" + home
                    + " (the build unpacks it before the integration tests: run through mvn verify)");
        }
        return Path.of(home);
    }

    /** Writes a CATALINA_BASE for the module on {@code jdbc} (a URL with the user in it) and launches Tomcat. */
    static TomcatNode launch(String name, String jdbc, Path war) throws Exception {
        Path base = Files.createDirectories(Path.of("target", "tomcat-bases", name + "-" + ProcessHandle.current().pid()))
                .toAbsolutePath();
        for (String dir : List.of("conf/Catalina/localhost", "lib", "logs", "temp", "webapps", "work")) {
            Files.createDirectories(base.resolve(dir));
        }
        int port = freePort();
        int shutdownPort = freePort();
        Files.copy(home().resolve("conf/web.xml"), base.resolve("conf/web.xml"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(postgresDriver(), base.resolve("lib").resolve(postgresDriver().getFileName()), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(base.resolve("conf/server.xml"), resource("server.xml").replace("@PORT@", String.valueOf(port))
                .replace("@SHUTDOWN_PORT@", String.valueOf(shutdownPort)));
        Files.writeString(base.resolve("conf/logging.properties"), resource("logging.properties"));
        Files.writeString(base.resolve("conf/tomcat-users.xml"), resource("tomcat-users.xml"));
        Files.writeString(base.resolve("conf/clavardage-web.xml"), withAuthentication(deploymentDescriptor(war)));
        Files.writeString(base.resolve("conf/Catalina/localhost/clavardage.xml"), resource("clavardage.xml")
                .replace("@WAR@", war.toAbsolutePath().toString())
                .replace("@WEB_XML@", base.resolve("conf/clavardage-web.xml").toString())
                .replace("@JDBC_URL@", xml(jdbc))
                .replace("@DB_USER@", xml(TestDatabase.pgUser())));
        TomcatNode node = new TomcatNode(name, base, port, shutdownPort);
        node.start();
        return node;
    }

    /** Starts (or starts again, on the same instance directory and database) without waiting. */
    void start() throws IOException {
        Path home = home();
        List<String> options = new java.util.ArrayList<>(LEAK_DETECTION_OPENS);
        options.addAll(List.of("-Xmx384m", "-Dcatalina.home=" + home, "-Dcatalina.base=" + base,
                "-Djava.io.tmpdir=" + base.resolve("temp"),
                "-Djava.util.logging.manager=org.apache.juli.ClassLoaderLogManager",
                "-Djava.util.logging.config.file=" + base.resolve("conf/logging.properties")));
        jvm = ChildJvm.launch(name, home.resolve("bin/bootstrap.jar") + java.io.File.pathSeparator + home.resolve("bin/tomcat-juli.jar"),
                options, "org.apache.catalina.startup.Bootstrap", List.of("start"), STARTED);
    }

    TomcatNode awaitReady() throws Exception {
        jvm.awaitReady();
        return this;
    }

    URL url() throws IOException {
        return new URL("http://127.0.0.1:" + port + "/clavardage/");
    }

    ChildJvm jvm() {
        return jvm;
    }

    /**
     * Undeploys the module from the running Tomcat as a host's administrator would (its context file
     * taken away), then deploys it again; answers the log index where the undeploy began.
     */
    int undeployAndRedeploy(Duration timeout) throws Exception {
        Path context = base.resolve("conf/Catalina/localhost/clavardage.xml");
        Path aside = base.resolve("clavardage.xml.undeployed");
        int from = jvm.output().size();
        Files.move(context, aside, StandardCopyOption.REPLACE_EXISTING);
        jvm.awaitOutput(from, Pattern.compile("Undeploying context \\[/clavardage\\]"), timeout);
        int undeployed = jvm.output().size();
        Files.move(aside, context);
        jvm.awaitOutput(undeployed, Pattern.compile("Deployment of deployment descriptor .*clavardage\\.xml\\] has finished"),
                timeout);
        return from;
    }

    /** Stops Tomcat as {@code catalina.sh stop} does (its shutdown port), so that it stops its webapps and logs it. */
    void stop(Duration timeout) throws Exception {
        int from = jvm.output().size();
        try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), shutdownPort)) {
            socket.getOutputStream().write("SHUTDOWN".getBytes(StandardCharsets.US_ASCII));
        }
        jvm.awaitOutput(from, Pattern.compile("Destroying ProtocolHandler"), timeout);
    }

    @Override
    public void close() throws InterruptedException {
        if (jvm != null) {
            jvm.close();
            try {
                // Kept for whoever reads a failure: Tomcat's whole console output.
                Files.write(base.resolve("logs/console.log"), jvm.output());
            } catch (IOException e) {
                System.err.println("Could not keep " + name + "'s log: " + e);
            }
        }
    }

    /** The WAR's own deployment descriptor, read from the archive as a host would copy it out. */
    private static String deploymentDescriptor(Path war) throws IOException {
        try (ZipFile archive = new ZipFile(war.toFile()); InputStream in = archive.getInputStream(archive.getEntry("WEB-INF/web.xml"))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The host's addition to that copy (docs/host-integration.md, Tomcat): every path needs a signed-in employee. */
    static String withAuthentication(String webXml) throws IOException {
        return webXml.replace("</web-app>", resource("authentication.xml") + "</web-app>");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = TomcatNode.class.getResourceAsStream("tomcat/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Path postgresDriver() {
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (entry.replace('\\', '/').contains("/org/postgresql/postgresql/")) {
                return Path.of(entry);
            }
        }
        throw new IllegalStateException("No PostgreSQL driver on the test classpath");
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
