package fr.clavardage.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The browser code's unit tests ({@code src/test/js/*.test.mjs}: the store, the outbox, the stream's
 * reopening) run with Node's own test runner and the machine's {@code node} (20 or later), so
 * {@code mvn test} runs them with no npm download. Without {@code node} they are skipped with a
 * message, except in CI (the {@code CI} environment variable set to {@code true}), where that fails.
 */
class ClientScriptsTest {

    private static final Path TESTS = Path.of("src/test/js");

    @Test
    void storeOutboxAndStreamPassTheirNodeTests() throws Exception {
        String node = System.getProperty("test.node", "node");
        if (!runs(node)) {
            String why = "[SKIPPED] the browser code's unit tests need Node.js 20+ on the PATH (or -Dtest.node=…)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(why.replace("[SKIPPED] ", "") + ": CI requires them");
            }
            System.out.println(why);
            Assumptions.abort(why);
        }
        Process run = new ProcessBuilder(node, "--test", TESTS.toString()).redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.waitFor(120, TimeUnit.SECONDS)).as("node --test finished in time").isTrue();
        assertThat(run.exitValue()).as("node --test %s failed:%n%s", TESTS, output).isZero();
        assertThat(output).as("node found tests").containsPattern("# pass [1-9]");
        System.out.println(output.lines().filter(l -> l.startsWith("# ")).reduce((a, b) -> a + " " + b).orElse(""));
    }

    private static boolean runs(String node) {
        try {
            Process p = new ProcessBuilder(node, "--version").redirectErrorStream(true).start();
            String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && version.matches("v(2\\d|[3-9]\\d)\\..*");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
