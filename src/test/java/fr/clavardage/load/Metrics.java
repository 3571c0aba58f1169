package fr.clavardage.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What a run measures. Latencies are recorded in microseconds: per action for the whole run, and for
 * every request and every delivery together in {@link Recorder}s that the sampler empties every few
 * seconds (the timeline and the stages of a stepped run are made of those intervals).
 */
final class Metrics {

    /** One action's requests: latencies of all of them (errors included) and how many failed. */
    static final class Action {
        final Histogram latency = new ConcurrentHistogram(3);
        final LongAdder errors = new LongAdder();
    }

    private final Map<String, Action> actions = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> eventsByType = new ConcurrentHashMap<>();

    final Recorder requestWindow = new Recorder(3);
    final Recorder deliveryWindow = new Recorder(3);
    final Histogram delivery = new ConcurrentHistogram(3);

    final LongAdder requests = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    /** Arrivals stamped before the sender's acknowledgement (recorded as 0). */
    final LongAdder earlyDeliveries = new LongAdder();
    /** Events whose id was not above the last one on the same stream (a repeat, or out of order). */
    final LongAdder duplicatedEvents = new LongAdder();
    /** The same post.created twice on one user's stream. */
    final LongAdder duplicatedPosts = new LongAdder();
    /** Streams the server ended, or that failed, while the user still wanted them. */
    final LongAdder streamDrops = new LongAdder();
    final LongAdder reconnects = new LongAdder();
    final LongAdder resets = new LongAdder();
    final AtomicInteger connected = new AtomicInteger();
    /** Requests sent and not answered yet: a frozen server completes none, so latencies alone would look fine. */
    final AtomicInteger inFlight = new AtomicInteger();

    void answered(String action, long micros, int status) {
        Action a = action(action);
        a.latency.recordValue(micros);
        requestWindow.recordValue(micros);
        requests.increment();
        if (status >= 400) {
            a.errors.increment();
            errors.increment();
            failures.computeIfAbsent(action + " " + status, k -> new LongAdder()).increment();
        }
    }

    void failed(String action, long micros, String kind, boolean timeout) {
        Action a = action(action);
        a.latency.recordValue(micros);
        requestWindow.recordValue(micros);
        requests.increment();
        a.errors.increment();
        errors.increment();
        if (timeout) {
            timeouts.increment();
        }
        failures.computeIfAbsent(action + " " + kind, k -> new LongAdder()).increment();
    }

    /** How a failure is named in the report: its class and the start of its message, which tells closes apart. */
    static String cause(Throwable failure) {
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            return failure.getClass().getSimpleName();
        }
        return failure.getClass().getSimpleName() + " (" + (message.length() > 60 ? message.substring(0, 60) + "…" : message) + ")";
    }

    void delivered(long micros) {
        if (micros < 0) {
            earlyDeliveries.increment();
            micros = 0;
        }
        delivery.recordValue(micros);
        deliveryWindow.recordValue(micros);
    }

    void event(String type) {
        LongAdder count = eventsByType.get(type);
        (count != null ? count : eventsByType.computeIfAbsent(type, k -> new LongAdder())).increment();
    }

    private Action action(String name) {
        return actions.computeIfAbsent(name, k -> new Action());
    }

    Map<String, Action> actions() {
        return new TreeMap<>(actions);
    }

    Map<String, Long> failures() {
        Map<String, Long> copy = new TreeMap<>();
        failures.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    Map<String, Long> events() {
        Map<String, Long> copy = new TreeMap<>();
        eventsByType.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    static double ms(double micros) {
        return micros / 1000.0;
    }
}
