package fr.clavardage.host.container;

import java.io.File;
import java.util.function.Predicate;

/**
 * The classpath of a servlet container started in a JVM of its own, taken from the test's classpath:
 * the container and what a host puts beside it, never the module, which comes from the WAR alone.
 */
final class ServerClasspath {

    private ServerClasspath() {
    }

    /** The entries of the test classpath that {@code server} accepts (paths with forward slashes). */
    static String of(Predicate<String> server) {
        StringBuilder classpath = new StringBuilder();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (server.test(entry.replace('\\', '/'))) {
                classpath.append(classpath.isEmpty() ? "" : File.pathSeparator).append(entry);
            }
        }
        return classpath.toString();
    }
}
