package fr.clavardage.load;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The load tool of issue 9: seeds a company, drives simulated users against one or several running
 * nodes, and reports latencies, delivery, losses and duplicates, server CPU and heap. Run it with
 * {@code mvn -q -Pload process-test-classes -Dload.args="..."} (docs/performance.md); it exits with
 * 1 when anything was lost or duplicated, 2 on bad options.
 */
public final class LoadTool {

    private static final Duration SAMPLE = Duration.ofSeconds(5);
    /** After the drain, how long to keep watching what is missing, to tell late deliveries from lost ones. */
    static final Duration LATE_WATCH = Duration.ofSeconds(60);
    /** In a stepped run, a post still missing this long after its acknowledgement counts as lost. */
    private static final Duration OVERDUE = Duration.ofSeconds(10);
    /** After the warm-up: the presence grace time (15 s by default) and a margin. */
    private static final Duration WARMUP_SETTLE = Duration.ofSeconds(20);

    private final LoadOptions options;
    private final List<Report.Sample> timeline = Collections.synchronizedList(new ArrayList<>());
    private long startNanos;

    public LoadTool(LoadOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        // As browsers do, send a request again when the kept-alive connection it went out on turns out to
        // be closed by the server before any answer (its idle timeout, 30 s in Jetty): the JDK client
        // otherwise does so only for GETs, and a join or a post then counts as an error no user would see.
        System.setProperty("jdk.httpclient.enableAllMethodRetry", "true");
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println(e.getMessage());
            }
            System.err.println(LoadOptions.USAGE);
            System.exit(2);
            return;
        }
        Report report = new LoadTool(options).run();
        if (report != null) {
            System.out.println();
            System.out.println(report.markdown());
            System.out.println("Written: " + options.out().resolve("report.md") + ", " + options.out().resolve("latency.png"));
            System.exit(report.clean() ? 0 : 1);
        }
        System.exit(0);
    }

    /** Seeds if asked, runs, writes the report; null after {@code --seed-only}. */
    public Report run() throws Exception {
        if (options.jdbc() != null) {
            new CompanySeeder(options).seed();
        }
        if (options.seedOnly()) {
            return null;
        }
        Company company = CompanySeeder.discover(options);
        ServerProbe probe = new ServerProbe(options.serverPids());
        Mix mix = Mix.named(options.mix());
        warmUp(company, mix);
        try (RunContext run = new RunContext(options, company)) {
            for (int i = 0; i < options.users(); i++) {
                run.users.add(new SimUser(i, run));
            }
            long heapBefore = probe.enabled() ? probe.liveHeapBytes() : -1;
            double cpuBefore = probe.enabled() ? probe.cpuSeconds() : 0;
            long toolCpuBefore = toolCpuNanos();
            NodeTimings nodeTimings = new NodeTimings(options.urls());
            nodeTimings.reset();
            startNanos = System.nanoTime();
            int[] peak = {0};
            ScheduledFuture<?> sampler = run.scheduler.scheduleAtFixedRate(() -> sample(run, peak), SAMPLE.toMillis(),
                    SAMPLE.toMillis(), TimeUnit.MILLISECONDS);

            List<Report.Stage> stages = new ArrayList<>();
            List<Report.ResourceSample> resources = List.of();
            long[] heapAfter = {-1};
            int[] heapUsers = {0};
            if (options.step() > 0) {
                stepped(run, mix, stages);
            } else {
                System.out.printf("Ramping %d users over %d s (%s mix)%n", options.users(), options.ramp().toSeconds(), options.mix());
                startUsers(run, mix, 0, options.users(), options.ramp());
                sleep(options.ramp());
                awaitStreams(run, options.users(), Duration.ofSeconds(30));
                if (probe.enabled()) {
                    heapUsers[0] = run.metrics.connected.get();
                    heapAfter[0] = probe.liveHeapBytes();
                }
                System.out.printf("All started (%d streams); holding %d s%n", run.metrics.connected.get(), options.duration().toSeconds());
                resources = hold(run, probe);
            }
            run.stop();
            System.out.println("Stopped; draining up to " + options.drain().toSeconds() + " s");
            List<DeliveryLedger.Missing> missingAfterDrain = drain(run);
            List<DeliveryLedger.Missing> lost = missingAfterDrain.isEmpty() ? missingAfterDrain : watchLate(run, missingAfterDrain);
            double wall = (System.nanoTime() - startNanos) / 1e9;
            double serverCpu = probe.enabled() ? probe.cpuSeconds() - cpuBefore : -1;
            sampler.cancel(false);
            int streamsAtEnd = run.metrics.connected.get();
            for (SimUser user : run.users) {
                user.stream.close();
            }
            Report report = new Report(options, run.metrics, new ArrayList<>(timeline), stages, lost);
            report.posts = run.ledger.acknowledged();
            report.usersStarted = options.users();
            report.streamsAtEnd = streamsAtEnd;
            report.lateAfterDrain = missingAfterDrain.size() - lost.size();
            report.peakStreams = peak[0];
            report.wallSeconds = wall;
            report.serverCpuSeconds = serverCpu;
            report.toolCpuSeconds = (toolCpuNanos() - toolCpuBefore) / 1e9;
            report.heapBefore = heapBefore;
            report.heapAfter = heapAfter[0];
            report.heapUsers = heapUsers[0];
            report.resources = resources;
            report.nodeRoutes = nodeTimings.read(report.nodePools);
            report.write(options.out());
            return report;
        }
    }

    /**
     * Holds every user for {@code --duration}; with {@code --soak-every}, samples the server's
     * resources meanwhile, the first sample at once and the last at the end.
     */
    private List<Report.ResourceSample> hold(RunContext run, ServerProbe probe) {
        if (options.soakEvery() == null) {
            sleep(options.duration());
            return List.of();
        }
        List<Report.ResourceSample> samples = new ArrayList<>();
        long end = System.nanoTime() + options.duration().toNanos();
        while (true) {
            Report.ResourceSample sample = new Report.ResourceSample(seconds(), run.metrics.connected.get(),
                    probe.liveHeapBytes(), probe.threads(), probe.openFiles());
            samples.add(sample);
            System.out.printf("  %.0f s: %d streams, live heap %.1f MB, %d threads, %d open files%n", sample.atSeconds(),
                    sample.streams(), sample.heapBytes() / 1048576.0, sample.threads(), sample.openFiles());
            long left = end - System.nanoTime();
            if (left <= 0) {
                return samples;
            }
            sleep(Duration.ofNanos(Math.min(left, options.soakEvery().toNanos())));
        }
    }

    /** Adds {@code --step} users per stage, each ramped over {@code --ramp} and held {@code --duration}, until a limit breaks. */
    private void stepped(RunContext run, Mix mix, List<Report.Stage> stages) {
        int started = 0;
        while (started < options.users()) {
            int target = Math.min(options.users(), started + options.step());
            System.out.printf("Stage: %d → %d users%n", started, target);
            startUsers(run, mix, started, target, options.ramp());
            started = target;
            sleep(options.ramp());
            double holdFrom = seconds();
            sleep(options.duration());
            Report.Stage stage = judge(run, target, holdFrom, seconds());
            stages.add(stage);
            System.out.printf("  %d users: mean %.1f ms, p99 %.1f ms, errors %.4f %%, delivery p99 %.1f ms → %s%n", target,
                    stage.meanMs(), stage.p99Ms(), stage.errorRate() * 100, stage.deliveryP99Ms(),
                    stage.healthy() ? "healthy" : "broken: " + stage.broken());
            if (!stage.healthy()) {
                break;
            }
        }
    }

    private Report.Stage judge(RunContext run, int users, double from, double to) {
        Histogram requests = new Histogram(3);
        Histogram delivery = new Histogram(3);
        long count = 0;
        long errors = 0;
        synchronized (timeline) {
            for (Report.Sample s : timeline) {
                if (s.seconds() > from && s.seconds() <= to + 1) {
                    requests.add(s.requests());
                    delivery.add(s.delivery());
                    count += s.requestCount();
                    errors += s.errors();
                }
            }
        }
        long lost = run.ledger.missing(System.nanoTime() - OVERDUE.toNanos(), u -> run.users.get(u).stream.upSince()).size();
        long duplicates = run.metrics.duplicatedEvents.sum() + run.metrics.duplicatedPosts.sum();
        double mean = Metrics.ms(requests.getMean());
        double p99 = Metrics.ms(requests.getValueAtPercentile(99));
        double errorRate = count == 0 ? 0 : errors / (double) count;
        String broken = null;
        if (count == 0 && run.metrics.inFlight.get() > 0) {
            broken = "no request answered (frozen)";
        } else if (mean >= Report.MAX_MEAN_MS) {
            broken = "mean ≥ 100 ms";
        } else if (p99 >= Report.MAX_P99_MS) {
            broken = "p99 ≥ 2 s";
        } else if (errorRate >= Report.MAX_ERROR_RATE) {
            broken = "errors ≥ 0.025 %";
        } else if (lost > 0) {
            broken = "lost events";
        } else if (duplicates > 0) {
            broken = "duplicated events";
        }
        return new Report.Stage(users, count, mean, Metrics.ms(requests.getValueAtPercentile(50)), p99,
                Metrics.ms(requests.getMaxValue()), errorRate, Metrics.ms(delivery.getValueAtPercentile(99)), lost, duplicates, broken);
    }

    /**
     * With {@code --warmup}: the users after the measured ones go through the same mix, ramped over
     * half the time and held for the rest, then leave. Nothing of theirs is measured; the run starts
     * once the node has seen them go (the presence grace time, 15 s by default, and a margin).
     */
    private void warmUp(Company company, Mix mix) {
        if (options.warmup() == null) {
            return;
        }
        int from = options.users();
        int to = from + options.warmupUsers();
        System.out.printf("Warming up: %d other users for %d s (%s mix)%n", to - from, options.warmup().toSeconds(),
                options.mix());
        try (RunContext warm = new RunContext(options, company)) {
            // Users are found by login number (run.users.get(i)): the measured ones are there, never started.
            for (int i = 0; i < to; i++) {
                warm.users.add(new SimUser(i, warm));
            }
            startUsers(warm, mix, from, to, options.warmup().dividedBy(2));
            sleep(options.warmup());
            warm.stop();
            for (int i = from; i < to; i++) {
                warm.users.get(i).stream.close();
            }
            System.out.printf("Warm-up over: %d requests, %d errors; waiting %d s for the node to see them leave%n",
                    warm.metrics.requests.sum(), warm.metrics.errors.sum(), WARMUP_SETTLE.toSeconds());
        }
        sleep(WARMUP_SETTLE);
    }

    /** Starts users {@code from} to {@code to} evenly over {@code ramp}. */
    private void startUsers(RunContext run, Mix mix, int from, int to, Duration ramp) {
        long rampMillis = ramp.toMillis();
        for (int i = from; i < to; i++) {
            SimUser user = run.users.get(i);
            long at = (to - from) <= 1 ? 0 : rampMillis * (i - from) / (to - from);
            run.later(Duration.ofMillis(at), () -> mix.start(user));
        }
    }

    private static void awaitStreams(RunContext run, int wanted, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (run.metrics.connected.get() < wanted && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(200));
        }
    }

    /** Waits until every expected delivery arrived, or the drain time is up; what is still missing is lost. */
    private List<DeliveryLedger.Missing> drain(RunContext run) {
        long deadline = System.nanoTime() + options.drain().toNanos();
        sleep(Duration.ofSeconds(1));
        List<DeliveryLedger.Missing> missing;
        do {
            missing = run.ledger.missing(Long.MAX_VALUE, u -> run.users.get(u).stream.upSince());
            if (missing.isEmpty()) {
                break;
            }
            sleep(Duration.ofMillis(500));
        } while (System.nanoTime() < deadline);
        return missing;
    }

    /**
     * Deliveries still missing when the drain is over may be late rather than lost (a stream that was
     * replaying far behind, an overloaded node): watch a while longer and tell them apart. Only what
     * never arrives is lost.
     */
    private List<DeliveryLedger.Missing> watchLate(RunContext run, List<DeliveryLedger.Missing> missing) {
        System.out.printf("%d deliveries still missing after the drain; watching up to %d s more to tell late from lost%n",
                missing.size(), LATE_WATCH.toSeconds());
        long deadline = System.nanoTime() + LATE_WATCH.toNanos();
        List<DeliveryLedger.Missing> still = missing;
        while (!still.isEmpty() && System.nanoTime() < deadline) {
            sleep(Duration.ofSeconds(1));
            still = run.ledger.missing(Long.MAX_VALUE, u -> run.users.get(u).stream.upSince());
        }
        return still;
    }

    private void sample(RunContext run, int[] peak) {
        Metrics m = run.metrics;
        int users = m.connected.get();
        peak[0] = Math.max(peak[0], users);
        Histogram requests = m.requestWindow.getIntervalHistogram();
        Histogram delivery = m.deliveryWindow.getIntervalHistogram();
        long count = requests.getTotalCount();
        long errors = m.errors.sum();
        synchronized (timeline) {
            long previousErrors = 0;
            for (Report.Sample s : timeline) {
                previousErrors += s.errors();
            }
            timeline.add(new Report.Sample(seconds(), users, requests, delivery, count, errors - previousErrors));
        }
    }

    private double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static long toolCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return 0;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
