package fr.clavardage.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** A run's results: a console table, {@code report.md} and {@code latency.png} in {@code --out}. */
final class Report {

    /** Mattermost's health limits, which issue 9 adopts. */
    static final double MAX_MEAN_MS = 100;
    static final double MAX_P99_MS = 2000;
    static final double MAX_ERROR_RATE = 0.00025;

    /** A few seconds of the run: connected users and the latencies of that interval. */
    record Sample(double seconds, int users, Histogram requests, Histogram delivery, long requestCount, long errors) {
    }

    /** A stage of a stepped run, judged on its hold window. */
    record Stage(int users, long requests, double meanMs, double p50Ms, double p99Ms, double maxMs, double errorRate,
                 double deliveryP99Ms, long lostSoFar, long duplicatesSoFar, String broken) {
        boolean healthy() {
            return broken == null;
        }
    }

    record ActionRow(String action, long count, long errors, double meanMs, double p50Ms, double p99Ms, double maxMs) {
    }

    final LoadOptions options;
    final List<ActionRow> actions = new ArrayList<>();
    ActionRow delivery;
    final List<Sample> timeline;
    final List<Stage> stages;
    final List<DeliveryLedger.Missing> lost;
    long posts;
    long duplicatedEvents;
    long duplicatedPosts;
    long earlyDeliveries;
    long requests;
    long errors;
    long timeouts;
    long streamDrops;
    long reconnects;
    long resets;
    int usersStarted;
    int streamsAtEnd;
    /** Deliveries missing when the drain ended that arrived while the tool watched on: late, not lost. */
    int lateAfterDrain;
    int peakStreams;
    double wallSeconds;
    double serverCpuSeconds = -1;
    double toolCpuSeconds;
    long heapBefore = -1;
    long heapAfter = -1;
    int heapUsers;
    Map<String, Long> failures;
    Map<String, Long> events;
    /** With {@code --soak-every}: the server's resources sampled while all users were held. */
    List<ResourceSample> resources = List.of();
    /** The nodes' own timings of the same requests, when they serve them. */
    List<NodeTimings.Row> nodeRoutes = List.of();
    final List<NodeTimings.Pool> nodePools = new ArrayList<>();

    /** The server seen from outside at one moment of the hold: live heap after a full GC, threads, open files. */
    record ResourceSample(double atSeconds, int streams, long heapBytes, int threads, int openFiles) {
    }

    /**
     * What grew during the hold beyond what a steady load explains, comparing the last sample with
     * the first (both taken with every user connected): empty when nothing did. The allowances cover
     * caches warming up and the garbage collector's granularity, not a leak per event or per user.
     */
    List<String> resourceGrowth() {
        if (resources.size() < 2) {
            return List.of();
        }
        ResourceSample first = resources.get(0);
        ResourceSample last = resources.get(resources.size() - 1);
        List<String> grew = new ArrayList<>();
        if (first.heapBytes() > 0 && last.heapBytes() > first.heapBytes() * 1.25 + 16 * 1048576.0) {
            grew.add(String.format(Locale.ROOT, "live heap %.1f MB → %.1f MB", first.heapBytes() / 1048576.0,
                    last.heapBytes() / 1048576.0));
        }
        if (first.threads() > 0 && last.threads() > first.threads() + 16) {
            grew.add("threads " + first.threads() + " → " + last.threads());
        }
        if (first.openFiles() > 0 && last.openFiles() > first.openFiles() + 32) {
            grew.add("open files " + first.openFiles() + " → " + last.openFiles());
        }
        return grew;
    }

    Report(LoadOptions options, Metrics metrics, List<Sample> timeline, List<Stage> stages, List<DeliveryLedger.Missing> lost) {
        this.options = options;
        this.timeline = timeline;
        this.stages = stages;
        this.lost = lost;
        metrics.actions().forEach((name, a) -> actions.add(row(name, a.latency, a.errors.sum())));
        delivery = row("delivery (ack → other members)", metrics.delivery, 0);
        duplicatedEvents = metrics.duplicatedEvents.sum();
        duplicatedPosts = metrics.duplicatedPosts.sum();
        earlyDeliveries = metrics.earlyDeliveries.sum();
        requests = metrics.requests.sum();
        errors = metrics.errors.sum();
        timeouts = metrics.timeouts.sum();
        streamDrops = metrics.streamDrops.sum();
        reconnects = metrics.reconnects.sum();
        resets = metrics.resets.sum();
        failures = metrics.failures();
        events = metrics.events();
    }

    static ActionRow row(String name, Histogram live, long errors) {
        // Requests still in flight keep recording: read a consistent copy.
        Histogram h = live.copy();
        return new ActionRow(name, h.getTotalCount(), errors, Metrics.ms(h.getMean()), Metrics.ms(h.getValueAtPercentile(50)),
                Metrics.ms(h.getValueAtPercentile(99)), Metrics.ms(h.getMaxValue()));
    }

    /** Nothing lost, nothing duplicated: the run's correctness verdict (timings never fail it). */
    boolean clean() {
        return lost.isEmpty() && duplicatedEvents == 0 && duplicatedPosts == 0;
    }

    double errorRate() {
        return requests == 0 ? 0 : errors / (double) requests;
    }

    double meanRequestMs() {
        long count = 0;
        double sum = 0;
        for (ActionRow a : actions) {
            count += a.count();
            sum += a.meanMs() * a.count();
        }
        return count == 0 ? 0 : sum / count;
    }

    Integer capacity() {
        if (stages.isEmpty()) {
            return null;
        }
        int capacity = 0;
        for (Stage s : stages) {
            if (!s.healthy()) {
                break;
            }
            capacity = s.users();
        }
        return capacity;
    }

    String markdown() {
        StringBuilder s = new StringBuilder();
        s.append("# Load run\n\n`").append(options.describe()).append("`\n\n");
        s.append("| action | count | errors | mean ms | p50 ms | p99 ms | max ms |\n|---|---:|---:|---:|---:|---:|---:|\n");
        for (ActionRow a : actions) {
            s.append(line(a));
        }
        s.append(line(delivery)).append('\n');
        s.append("| figure | value |\n|---|---|\n");
        s.append(String.format(Locale.ROOT, "| users started / streams at end / peak streams | %d / %d / %d |%n", usersStarted, streamsAtEnd, peakStreams));
        s.append(String.format(Locale.ROOT, "| requests, errors (timeouts) | %d, %d (%d) = %.4f %% |%n", requests, errors, timeouts, errorRate() * 100));
        s.append(String.format(Locale.ROOT, "| mean request | %.1f ms |%n", meanRequestMs()));
        s.append(String.format(Locale.ROOT, "| posts acknowledged | %d |%n", posts));
        s.append(String.format(Locale.ROOT, "| **lost / duplicated events / duplicated posts** | **%d / %d / %d** |%n", lost.size(), duplicatedEvents, duplicatedPosts));
        if (lateAfterDrain > 0) {
            s.append(String.format(Locale.ROOT, "| deliveries that arrived only after the %d s drain (late, not lost) | %d |%n",
                    options.drain().toSeconds(), lateAfterDrain));
        }
        s.append(String.format(Locale.ROOT, "| deliveries stamped before the ack (counted as 0 ms) | %d |%n", earlyDeliveries));
        s.append(String.format(Locale.ROOT, "| stream drops / deliberate reconnects / resets | %d / %d / %d |%n", streamDrops, reconnects, resets));
        s.append(String.format(Locale.ROOT, "| wall time | %.0f s |%n", wallSeconds));
        if (serverCpuSeconds >= 0) {
            s.append(String.format(Locale.ROOT, "| server CPU | %.1f s = %.2f cores on average |%n", serverCpuSeconds, serverCpuSeconds / wallSeconds));
        }
        s.append(String.format(Locale.ROOT, "| tool CPU | %.1f s = %.2f cores on average |%n", toolCpuSeconds, toolCpuSeconds / wallSeconds));
        if (heapBefore >= 0 && heapAfter >= 0 && heapUsers > 0) {
            s.append(String.format(Locale.ROOT, "| server live heap before → with %d users connected | %.1f MB → %.1f MB = %.1f KB per user |%n",
                    heapUsers, heapBefore / 1048576.0, heapAfter / 1048576.0, (heapAfter - heapBefore) / 1024.0 / heapUsers));
        }
        if (!resources.isEmpty()) {
            s.append("| server resources while holding (s: streams, live heap MB, threads, open files) | ");
            for (ResourceSample r : resources) {
                s.append(String.format(Locale.ROOT, "%.0fs: %d, %.1f, %d, %d; ", r.atSeconds(), r.streams(),
                        r.heapBytes() / 1048576.0, r.threads(), r.openFiles()));
            }
            List<String> grew = resourceGrowth();
            s.append(grew.isEmpty() ? "nothing grew" : "**grew: " + String.join(", ", grew) + "**").append(" |\n");
        }
        if (!failures.isEmpty()) {
            s.append("| errors by action and cause | ").append(failures).append(" |\n");
        }
        s.append("| events received by type | ").append(events).append(" |\n");
        if (!lost.isEmpty()) {
            s.append("| first lost deliveries (post, channel, user) | ")
                    .append(lost.subList(0, Math.min(10, lost.size()))).append(" |\n");
        }
        if (!nodeRoutes.isEmpty()) {
            s.append("\nInside the nodes (from the request's headers read; for the stream, first byte = its opening and")
                    .append(" completed = its life):\n\n")
                    .append("| node | route | started | queued mean / p99 ms | first byte mean / p99 ms | completed mean / p99 / max ms |\n")
                    .append("|---:|---|---:|---:|---:|---:|\n");
            for (NodeTimings.Row r : nodeRoutes) {
                s.append(String.format(Locale.ROOT, "| %d | %s | %d | %.1f / %.1f | %.1f / %.1f | %.1f / %.1f / %.1f |%n", r.node(),
                        r.route(), r.started(), r.queuedMeanMs(), r.queuedP99Ms(), r.firstByteMeanMs(), r.firstByteP99Ms(),
                        r.completedMeanMs(), r.completedP99Ms(), r.completedMaxMs()));
            }
            for (NodeTimings.Pool p : nodePools) {
                s.append(String.format(Locale.ROOT, "%nNode %d's Jetty thread pool (%d samples): jobs waiting for a thread mean %.1f,"
                                + " p99 %d, max %d; busy threads mean %.1f, max %d of %d.%n", p.node(), p.samples(), p.queueMean(),
                        p.queueP99(), p.queueMax(), p.busyMean(), p.busyMax(), p.maxThreads()));
            }
        }
        if (!stages.isEmpty()) {
            s.append("\n| users | requests | mean ms | p50 ms | p99 ms | max ms | errors % | delivery p99 ms | lost | dup | health |\n")
                    .append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
            for (Stage st : stages) {
                s.append(String.format(Locale.ROOT, "| %d | %d | %.1f | %.1f | %.1f | %.1f | %.4f | %.1f | %d | %d | %s |%n", st.users(),
                        st.requests(), st.meanMs(), st.p50Ms(), st.p99Ms(), st.maxMs(), st.errorRate() * 100, st.deliveryP99Ms(),
                        st.lostSoFar(), st.duplicatesSoFar(), st.healthy() ? "ok" : "broken: " + st.broken()));
            }
            s.append("\nCapacity (last healthy stage): ").append(capacity()).append(" users\n");
        }
        s.append("\nVerdict: ").append(clean() ? "nothing lost, nothing duplicated" : "LOST OR DUPLICATED EVENTS").append('\n');
        return s.toString();
    }

    private static String line(ActionRow a) {
        return String.format(Locale.ROOT, "| %s | %d | %d | %.1f | %.1f | %.1f | %.1f |%n", a.action(), a.count(), a.errors(),
                a.meanMs(), a.p50Ms(), a.p99Ms(), a.maxMs());
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("report.md"), markdown());
        chart(dir.resolve("latency.png"));
    }

    /** Request mean and p99 and delivery p99 against connected users (stages if stepped, else samples). */
    private void chart(Path png) throws IOException {
        List<Double> users = new ArrayList<>();
        List<Double> mean = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        List<Double> deliveryP99 = new ArrayList<>();
        if (!stages.isEmpty()) {
            for (Stage st : stages) {
                users.add((double) st.users());
                mean.add(st.meanMs());
                p99.add(st.p99Ms());
                deliveryP99.add(st.deliveryP99Ms());
            }
        } else {
            for (Sample sample : timeline) {
                if (sample.requests().getTotalCount() == 0) {
                    continue;
                }
                users.add((double) sample.users());
                mean.add(Metrics.ms(sample.requests().getMean()));
                p99.add(Metrics.ms(sample.requests().getValueAtPercentile(99)));
                deliveryP99.add(Metrics.ms(sample.delivery().getValueAtPercentile(99)));
            }
        }
        if (users.isEmpty()) {
            return;
        }
        XYChart chart = new XYChartBuilder().width(900).height(520)
                .title("Clavardage, " + options.mix() + " mix: latency against connected users")
                .xAxisTitle("connected users").yAxisTitle("milliseconds").build();
        chart.addSeries("request mean", users, mean).setMarker(SeriesMarkers.CIRCLE);
        chart.addSeries("request p99", users, p99).setMarker(SeriesMarkers.DIAMOND);
        chart.addSeries("delivery p99", users, deliveryP99).setMarker(SeriesMarkers.SQUARE);
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
