package fr.clavardage.host.demo;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.EventsHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The demo host's request timings, for load runs: how long each request spent in the node, from the
 * moment Jetty had read its headers. Set apart from the latencies the load tool sees, they say whether
 * a slow answer was slow in the node or before it (in the kernel's queues, or in the tool itself, which
 * shares the machine's cores).
 *
 * <p>Per route (method and path, ids folded into {@code {id}}) it keeps three times: until a request
 * thread started handling it (the wait for a thread), until the response began (headers sent: for the
 * event stream, its opening), and until it completed (for the stream, its whole life); and, every half
 * second, how many jobs wait in Jetty's thread pool and how many threads are busy. Served as JSON
 * at {@link #PATH}; {@code DELETE} on it starts afresh. Switched on by {@code -Dclavardage.demo.timings=true}.
 */
final class RequestTimings extends EventsHandler {

    static final String PATH = "/demo-host/request-timings";
    private static final long MAX_MICROS = 3_600_000_000L;

    private record Route(Histogram queued, Histogram firstByte, Histogram completed) {
        Route() {
            this(new ConcurrentHistogram(MAX_MICROS, 2), new ConcurrentHistogram(MAX_MICROS, 2),
                    new ConcurrentHistogram(MAX_MICROS, 2));
        }
    }

    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    /** Jetty's thread pool every half second: its job queue (tasks waiting for a thread) and its busy threads. */
    private final Histogram poolQueue = new ConcurrentHistogram(1_000_000, 2);
    private final Histogram poolBusy = new ConcurrentHistogram(100_000, 2);
    private java.util.concurrent.ScheduledExecutorService sampler;

    RequestTimings(Handler timed) {
        super(timed);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (getServer().getThreadPool() instanceof org.eclipse.jetty.util.thread.QueuedThreadPool pool) {
            sampler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "request-timings-sampler");
                t.setDaemon(true);
                return t;
            });
            sampler.scheduleAtFixedRate(() -> {
                poolQueue.recordValue(Math.min(1_000_000, pool.getQueueSize()));
                poolBusy.recordValue(Math.min(100_000, pool.getBusyThreads()));
            }, 500, 500, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (sampler != null) {
            sampler.shutdownNow();
        }
        super.doStop();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (PATH.equals(request.getHttpURI().getPath())) {
            serve(request, response, callback);
            return true;
        }
        return super.handle(request, response, callback);
    }

    @Override
    protected void onBeforeHandling(Request request) {
        route(request).queued().recordValue(since(request));
    }

    @Override
    protected void onResponseBegin(Request request, int status, HttpFields headers) {
        route(request).firstByte().recordValue(since(request));
    }

    @Override
    protected void onComplete(Request request, int status, HttpFields headers, Throwable failure) {
        route(request).completed().recordValue(since(request));
    }

    private static long since(Request request) {
        return Math.min(MAX_MICROS, Math.max(0, (System.nanoTime() - request.getBeginNanoTime()) / 1000));
    }

    private Route route(Request request) {
        return routes.computeIfAbsent(routeOf(request.getMethod(), request.getHttpURI().getPath()), k -> new Route());
    }

    /** The collections of the API whose next segment is an id. */
    private static final java.util.Set<String> COLLECTIONS = java.util.Set.of("channels", "posts", "users", "members");

    /** {@code GET /clavardage/api/v1/channels/42/posts} → {@code GET api/v1/channels/{id}/posts}. */
    static String routeOf(String method, String path) {
        StringBuilder route = new StringBuilder(method).append(' ');
        String previous = null;
        // Skips the context path, the first segment.
        for (String segment : path.substring(Math.min(path.length(), path.indexOf('/', 1) + 1)).split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            if (previous != null) {
                route.append('/');
            }
            route.append(previous != null && COLLECTIONS.contains(previous) ? "{id}" : segment);
            previous = segment;
        }
        return route.toString();
    }

    private void serve(Request request, Response response, Callback callback) {
        if ("DELETE".equals(request.getMethod())) {
            routes.clear();
            poolQueue.reset();
            poolBusy.reset();
            response.setStatus(HttpStatus.NO_CONTENT_204);
            callback.succeeded();
            return;
        }
        StringBuilder json = new StringBuilder("{\"routes\":[");
        Map<String, Route> sorted = new TreeMap<>(routes);
        boolean first = true;
        for (Map.Entry<String, Route> e : sorted.entrySet()) {
            Route r = e.getValue();
            json.append(first ? "" : ",").append("{\"route\":\"").append(e.getKey().replace("\"", "")).append('"')
                    .append(",\"count\":").append(r.completed().getTotalCount())
                    .append(figures("queued", r.queued().copy()))
                    .append(figures("firstByte", r.firstByte().copy()))
                    .append(figures("completed", r.completed().copy()))
                    .append('}');
            first = false;
        }
        json.append("]");
        Histogram queue = poolQueue.copy();
        Histogram busy = poolBusy.copy();
        json.append(String.format(Locale.ROOT, ",\"threadPool\":{\"samples\":%d,\"queueMean\":%.1f,\"queueP99\":%d,"
                        + "\"queueMax\":%d,\"busyMean\":%.1f,\"busyMax\":%d,\"maxThreads\":%d}}", queue.getTotalCount(),
                queue.getMean(), queue.getValueAtPercentile(99), queue.getMaxValue(), busy.getMean(), busy.getMaxValue(),
                getServer().getThreadPool() instanceof org.eclipse.jetty.util.thread.QueuedThreadPool pool ? pool.getMaxThreads() : -1));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, StandardCharsets.UTF_8.encode(json.toString()), callback);
    }

    private static String figures(String name, Histogram h) {
        return String.format(Locale.ROOT, ",\"%s\":{\"count\":%d,\"meanMs\":%.3f,\"p50Ms\":%.3f,\"p99Ms\":%.3f,\"maxMs\":%.3f}",
                name, h.getTotalCount(), h.getMean() / 1000, h.getValueAtPercentile(50) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0);
    }
}
