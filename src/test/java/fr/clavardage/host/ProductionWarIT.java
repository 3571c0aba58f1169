package fr.clavardage.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The WAR a host deploys (target/clavardage.war, as packaged) holds no demo host: no demo class, page,
 * table or library, and no switch that would turn a sign-in-as-anyone page on. The demo lives in
 * target/clavardage-demo.jar, added from outside by the demo launcher and the test deployments.
 */
@Tag("h2-only")
class ProductionWarIT {

    /** What only the demo host says; none of it may appear in any file of the module's own. */
    private static final List<String> DEMO_MARKS = List.of("clavardage.demo", "fr/clavardage/host/demo",
            "fr.clavardage.host.demo", "demohostservlet", "demoauthentication", "demo_user", "/demo/login", "db/demo-host");

    @Test
    void theProductionWarHoldsNoDemoHost() throws IOException {
        File war = new File("target/clavardage.war");
        assertThat(war).as("packaged by mvn package").isFile();
        List<String> found = new ArrayList<>();
        int inspected = 0;
        try (JarFile archive = new JarFile(war)) {
            for (ZipEntry entry : archive.stream().toList()) {
                String name = entry.getName();
                String lower = name.toLowerCase(Locale.ROOT);
                if (lower.contains("demo")) {
                    found.add(name);
                    continue;
                }
                // Third-party libraries are not ours to read; our own classes, pages and resources are.
                if (entry.isDirectory() || lower.startsWith("web-inf/lib/")) {
                    continue;
                }
                inspected++;
                // ISO-8859-1 maps every byte to one char: class-file constants and text files alike.
                String content = new String(archive.getInputStream(entry).readAllBytes(), StandardCharsets.ISO_8859_1)
                        .toLowerCase(Locale.ROOT);
                for (String mark : DEMO_MARKS) {
                    if (content.contains(mark)) {
                        found.add(name + " mentions " + mark);
                    }
                }
            }
        }
        assertThat(inspected).as("files of the module's own inspected").isGreaterThan(100);
        assertThat(found).as("demo pieces in the production WAR").isEmpty();
    }

    /** The demo's jar exists beside the WAR and does hold the demo, so the test above looks at the right thing. */
    @Test
    void theDemoHostShipsInItsOwnJar() throws IOException {
        try (JarFile demo = new JarFile(new File("target/clavardage-demo.jar"))) {
            assertThat(demo.getEntry("fr/clavardage/host/demo/DemoHostServlet.class")).isNotNull();
            assertThat(demo.getEntry("META-INF/beans.xml")).as("a bean archive, as host beans must be").isNotNull();
            assertThat(demo.getEntry("db/demo-host/V1__demo_users.sql")).isNotNull();
        }
    }
}
