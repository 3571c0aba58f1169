package fr.clavardage.testing;

import java.io.File;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The archive integration tests deploy: the WAR the build just packaged, plus what a host adds, its
 * DataSource bound in JNDI (here through Jetty's {@code WEB-INF/jetty-env.xml}) on a fresh database, and
 * its own beans (the demo host's jar). Most classes use {@link #shared()}; a class that needs the module started differently
 * (other settings, data nobody else writes to) deploys its own with {@link #withDemoHost}.
 */
public final class ModuleDeployment {

    /** The host's pool as a test deployment binds it: small, so that a request starving it shows. */
    public static final int POOL_SIZE = 8;
    public static final java.time.Duration POOL_TIMEOUT = java.time.Duration.ofSeconds(15);

    private static WebArchive shared;

    private static final Map<String, String> DATABASES = new ConcurrentHashMap<>();

    private ModuleDeployment() {
    }

    /**
     * The one deployment the test classes of a JVM (so of a Failsafe execution, so of a database)
     * share, deployed before the first of them and kept until the end by {@link SharedDeployments}.
     * Its database therefore holds the other classes' data: assert on what the test itself created.
     */
    public static synchronized WebArchive shared() {
        if (shared == null) {
            shared = SharedDeployments.share(withDemoHost("shared"));
        }
        return shared;
    }

    /**
     * The JDBC URL (user included) of the database last deployed for {@code purpose}: for tests that
     * must change what the module cannot be asked to over HTTP (say, age the event log).
     */
    public static String database(String purpose) {
        return DATABASES.get(purpose);
    }

    /**
     * The packaged WAR with the demo host added as a host adds its own beans: its jar
     * (target/clavardage-demo.jar, a bean archive) in {@code WEB-INF/lib}, beside the DataSource.
     */
    public static WebArchive withDemoHost(String purpose) {
        File war = built("clavardage.war");
        File demoHost = built("clavardage-demo.jar");
        String database = TestDatabase.fresh(purpose);
        DATABASES.put(purpose, database);
        return ShrinkWrap.createFromZipFile(WebArchive.class, war)
                .addAsLibrary(demoHost)
                .addAsWebInfResource(new StringAsset(jettyEnv(database)), "jetty-env.xml");
    }

    private static File built(String name) {
        File file = new File("target", name);
        if (!file.isFile()) {
            throw new IllegalStateException("Run the integration tests through Maven (mvn verify): "
                    + file + " is built in the package phase");
        }
        return file;
    }

    private static String jettyEnv(String jdbcUrl) {
        return """
                <?xml version="1.0"?>
                <!DOCTYPE Configure PUBLIC "-//Jetty//Configure//EN" "https://jetty.org/configure_10_0.dtd">
                <Configure id="wac" class="org.eclipse.jetty.ee10.webapp.WebAppContext">
                  <Call class="fr.clavardage.testing.ContainerErrorPages" name="install"><Arg><Ref refid="wac"/></Arg></Call>
                  <New class="org.eclipse.jetty.plus.jndi.Resource">
                    <Arg><Ref refid="wac"/></Arg>
                    <Arg>jdbc/clavardage</Arg>
                    <Arg>
                      <New class="com.zaxxer.hikari.HikariDataSource">
                        <Set name="jdbcUrl">%s</Set>
                        <Set name="maximumPoolSize">%d</Set>
                        <Set name="connectionTimeout">%d</Set>
                      </New>
                    </Arg>
                  </New>
                </Configure>
                """.formatted(jdbcUrl.replace("&", "&amp;"), POOL_SIZE, POOL_TIMEOUT.toMillis());
    }
}
