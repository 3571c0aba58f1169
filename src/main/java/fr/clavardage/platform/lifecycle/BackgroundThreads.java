package fr.clavardage.platform.lifecycle;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Ends the module's own background threads at undeploy and waits for them: a container checks for
 * the webapp's threads right after stopping it, reports any still running as a leak, and such a
 * thread would keep the old class loader (and everything it loaded) alive.
 */
public final class BackgroundThreads {

    private static final Logger LOG = Logger.getLogger(BackgroundThreads.class.getName());
    private static final long WAIT_SECONDS = 5;

    private BackgroundThreads() {
    }

    /** Interrupts {@code executor}'s work and waits (a few seconds at most) until its threads have ended. */
    public static void stop(ExecutorService executor, String what) {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warning(() -> what + " did not stop within " + WAIT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
