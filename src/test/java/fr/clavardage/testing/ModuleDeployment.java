package fr.clavardage.testing;

import java.io.File;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The archive integration tests deploy: the WAR the build just packaged, plus the one thing a host
 * adds, its DataSource bound in JNDI (here through Jetty's {@code WEB-INF/jetty-env.xml}), on a fresh
 * database for the calling test class.
 */
public final class ModuleDeployment {

    private static final Map<String, String> DATABASES = new ConcurrentHashMap<>();

    private ModuleDeployment() {
    }

    /**
     * The JDBC URL (user included) of the database last deployed for {@code purpose}: for tests that
     * must change what the module cannot be asked to over HTTP (say, age the event log).
     */
    public static String database(String purpose) {
        return DATABASES.get(purpose);
    }

    public static WebArchive withDemoHost(String purpose) {
        System.setProperty("clavardage.demo", "true");
        File war = new File("target/clavardage.war");
        if (!war.isFile()) {
            throw new IllegalStateException("Run the integration tests through Maven (mvn verify): "
                    + war + " is built in the package phase");
        }
        String database = TestDatabase.fresh(purpose);
        DATABASES.put(purpose, database);
        return ShrinkWrap.createFromZipFile(WebArchive.class, war)
                .addAsWebInfResource(new StringAsset(jettyEnv(database)), "jetty-env.xml");
    }

    private static String jettyEnv(String jdbcUrl) {
        return """
                <?xml version="1.0"?>
                <!DOCTYPE Configure PUBLIC "-//Jetty//Configure//EN" "https://jetty.org/configure_10_0.dtd">
                <Configure id="wac" class="org.eclipse.jetty.ee10.webapp.WebAppContext">
                  <New class="org.eclipse.jetty.plus.jndi.Resource">
                    <Arg><Ref refid="wac"/></Arg>
                    <Arg>jdbc/clavardage</Arg>
                    <Arg>
                      <New class="com.zaxxer.hikari.HikariDataSource">
                        <Set name="jdbcUrl">%s</Set>
                        <Set name="maximumPoolSize">8</Set>
                      </New>
                    </Arg>
                  </New>
                </Configure>
                """.formatted(jdbcUrl.replace("&", "&amp;"));
    }
}
