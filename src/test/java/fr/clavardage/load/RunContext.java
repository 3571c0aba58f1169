package fr.clavardage.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every simulated user shares: options, metrics, the ledger, the company, and a small fixed set
 * of threads. Users never own a thread: their requests are asynchronous and their waits are scheduled.
 */
final class RunContext implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    final LoadOptions options;
    final Metrics metrics = new Metrics();
    final DeliveryLedger ledger = new DeliveryLedger(metrics);
    final Company company;
    final List<SimUser> users = new ArrayList<>();
    final ScheduledExecutorService scheduler;
    private final List<HttpClient> clients = new ArrayList<>();
    private volatile boolean stopping;

    RunContext(LoadOptions options, Company company) {
        this.options = options;
        this.company = company;
        // The tool shares two cores with the server: a few threads are enough, and more would only steal.
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(2, named("load-timer"));
        timers.setRemoveOnCancelPolicy(true);
        this.scheduler = timers;
        // Several clients spread connections over several selector threads, and keep each client's
        // pool of idle connections short: the JDK's pool files them in a list it walks on every reuse.
        // Each client runs its callbacks (stream chunks, answers, the simulated pages' reactions) on its
        // own selector thread: nothing the tool does there blocks. Handing them to a shared pool cost a
        // thread wake-up per chunk and, under load, put the tool's own queue into every figure it took.
        for (int i = 0; i < 16; i++) {
            clients.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).executor(Runnable::run).build());
        }
    }

    HttpClient client(int user) {
        return clients.get(user % clients.size());
    }

    boolean stopping() {
        return stopping;
    }

    void stop() {
        stopping = true;
    }

    /** Runs {@code task} after about {@code delay} unless the run is over by then. */
    void later(Duration delay, Runnable task) {
        if (stopping) {
            return;
        }
        scheduler.schedule(() -> {
            if (!stopping) {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    metrics.failed("tool", 0, e.getClass().getSimpleName(), false);
                }
            }
        }, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    /**
     * Runs {@code task} after about {@code delay}, even once the run is stopping: for what the drain
     * still needs, such as resuming a stream that dropped (its replay brings the deliveries still due).
     */
    void laterEvenWhenStopping(Duration delay, Runnable task) {
        try {
            scheduler.schedule(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    metrics.failed("tool", 0, e.getClass().getSimpleName(), false);
                }
            }, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException over) {
            // the run is over: nothing is waited for any more
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
