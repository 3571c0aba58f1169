package fr.clavardage.testing;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The archive integration tests deploy: the WAR the build just packaged, unchanged, configured the way
 * the launcher does it (system properties), on a fresh database for the calling test class.
 */
public final class ModuleDeployment {

    private ModuleDeployment() {
    }

    public static WebArchive withDemoHost(String purpose) {
        System.setProperty("clavardage.db.url", TestDatabase.fresh(purpose));
        System.setProperty("clavardage.demo", "true");
        File war = new File("target/clavardage.war");
        if (!war.isFile()) {
            throw new IllegalStateException("Run the integration tests through Maven (mvn verify): "
                    + war + " is built in the package phase");
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, war);
    }
}
