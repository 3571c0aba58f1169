package fr.clavardage.host.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
import org.eclipse.jetty.util.thread.QueuedThreadPool;

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
    /** Routes kept apart; beyond that (made-up addresses), the rest share one. */
    private static final int MAX_ROUTES = 200;
    private static final String OTHER_ROUTES = "(other routes)";
    /** The collections of the API whose next segment is an id. */
    private static final Set<String> COLLECTIONS = Set.of("channels", "posts", "users", "members");
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Route(Histogram queued, Histogram firstByte, Histogram completed) {
        Route() {
            this(new ConcurrentHistogram(MAX_MICROS, 2), new ConcurrentHistogram(MAX_MICROS, 2),
                    new ConcurrentHistogram(MAX_MICROS, 2));
        }
    }

    /** What {@link #PATH} answers: one of a route's three times, in milliseconds. */
    record Figures(long count, double meanMs, double p50Ms, double p99Ms, double maxMs) {
        static Figures of(Histogram live) {
            Histogram h = live.copy();
            return new Figures(h.getTotalCount(), h.getMean() / 1000, h.getValueAtPercentile(50) / 1000.0,
                    h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0);
        }
    }

    record RouteFigures(String route, Figures queued, Figures firstByte, Figures completed) {
    }

    record PoolFigures(long samples, double queueMean, long queueP99, long queueMax, double busyMean, long busyMax,
                       int maxThreads) {
    }

    record Timings(List<RouteFigures> routes, PoolFigures threadPool) {
    }

    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    /** Jetty's thread pool every half second: its job queue (tasks waiting for a thread) and its busy threads. */
    private final Histogram poolQueue = new ConcurrentHistogram(1_000_000, 2);
    private final Histogram poolBusy = new ConcurrentHistogram(100_000, 2);
    private QueuedThreadPool pool;
    private ScheduledExecutorService sampler;

    RequestTimings(Handler timed) {
        super(timed);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (getServer().getThreadPool() instanceof QueuedThreadPool jettyPool) {
            pool = jettyPool;
            sampler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "request-timings-sampler");
                t.setDaemon(true);
                return t;
            });
            sampler.scheduleAtFixedRate(() -> {
                poolQueue.recordValue(Math.min(1_000_000, pool.getQueueSize()));
                poolBusy.recordValue(Math.min(100_000, pool.getBusyThreads()));
            }, 500, 500, TimeUnit.MILLISECONDS);
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
        String route = routeOf(request.getMethod(), request.getHttpURI().getPath());
        Route known = routes.get(route);
        if (known != null) {
            return known;
        }
        return routes.computeIfAbsent(routes.size() < MAX_ROUTES ? route : OTHER_ROUTES, k -> new Route());
    }

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

    private void serve(Request request, Response response, Callback callback) throws JsonProcessingException {
        if ("DELETE".equals(request.getMethod())) {
            routes.clear();
            poolQueue.reset();
            poolBusy.reset();
            response.setStatus(HttpStatus.NO_CONTENT_204);
            callback.succeeded();
            return;
        }
        List<RouteFigures> figures = new ArrayList<>();
        new TreeMap<>(routes).forEach((name, r) -> figures.add(new RouteFigures(name, Figures.of(r.queued()),
                Figures.of(r.firstByte()), Figures.of(r.completed()))));
        Histogram queue = poolQueue.copy();
        Histogram busy = poolBusy.copy();
        PoolFigures poolFigures = new PoolFigures(queue.getTotalCount(), queue.getMean(), queue.getValueAtPercentile(99),
                queue.getMaxValue(), busy.getMean(), busy.getMaxValue(), pool == null ? -1 : pool.getMaxThreads());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(JSON.writeValueAsBytes(new Timings(figures, poolFigures))), callback);
    }
}
