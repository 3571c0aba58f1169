package fr.clavardage.load;

import fr.clavardage.testing.ChildJvm;
import fr.clavardage.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A demo node in a JVM of its own, for the load runs of the build, on a database of its own: a fresh
 * PostgreSQL schema, or an H2 file the tool can open beside the node (AUTO_SERVER), unlike a memory one.
 */
record DemoNode(ChildJvm jvm, String jdbc) implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("running:\\s+(http://\\S+/clavardage/)demo/");

    static DemoNode start(String purpose) throws Exception {
        String jdbc;
        if (TestDatabase.isPostgres()) {
            jdbc = TestDatabase.fresh(purpose);
        } else {
            Path folder = Files.createTempDirectory(Path.of("target"), purpose + "-h2");
            jdbc = "jdbc:h2:file:" + folder.toAbsolutePath().resolve("erp")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE;WRITE_DELAY=0;LOCK_TIMEOUT=10000";
        }
        ChildJvm jvm = ChildJvm.start(purpose + "-node", System.getProperty("java.class.path"),
                List.of("-Dclavardage.port=0", "-Dclavardage.demo.timings=true", "-Dclavardage.demo.jdbc=" + jdbc,
                        "-Dclavardage.war=" + Path.of("target/clavardage.war").toAbsolutePath()),
                "fr.clavardage.host.demo.DemoLauncher", READY);
        return new DemoNode(jvm, jdbc);
    }

    String url() {
        return jvm.url().toString();
    }

    @Override
    public void close() throws InterruptedException {
        jvm.close();
    }
}
