package fr.clavardage.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The nodes' own request timings, when the demo host serves them ({@code -Dclavardage.demo.timings=true}):
 * set beside the tool's latencies, they tell the node's time from the time a request spent before it,
 * in the kernel or in the tool, which shares the cores. Nodes that do not serve them are skipped.
 */
final class NodeTimings {

    /** One route on one node: requests started; each time is in ms, from the moment the node had read the request's headers. */
    record Row(int node, String route, long started, double queuedMeanMs, double queuedP99Ms, double firstByteMeanMs,
               double firstByteP99Ms, double completedMeanMs, double completedP99Ms, double completedMaxMs) {
    }

    /** A node's Jetty thread pool over the run, sampled every half second. */
    record Pool(int node, long samples, double queueMean, long queueP99, long queueMax, double busyMean, long busyMax,
                int maxThreads) {
    }

    private static final String PATH = "/demo-host/request-timings";
    private final List<URI> nodes;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    NodeTimings(List<URI> nodes) {
        this.nodes = nodes;
    }

    /** Starts each node's timings afresh, so that they cover the run only. */
    void reset() {
        for (URI node : nodes) {
            send(HttpRequest.newBuilder(node.resolve(PATH)).DELETE());
        }
    }

    /** Every route of every node that serves its timings, and each such node's thread pool in {@code pools}. */
    List<Row> read(List<Pool> pools) {
        List<Row> rows = new ArrayList<>();
        for (int n = 0; n < nodes.size(); n++) {
            HttpResponse<String> reply = send(HttpRequest.newBuilder(nodes.get(n).resolve(PATH)).GET());
            if (reply == null || reply.statusCode() != 200) {
                continue;
            }
            try {
                JsonNode timings = RunContext.JSON.readTree(reply.body());
                JsonNode p = timings.path("threadPool");
                if (!p.isMissingNode()) {
                    pools.add(new Pool(n + 1, p.path("samples").asLong(), p.path("queueMean").asDouble(),
                            p.path("queueP99").asLong(), p.path("queueMax").asLong(), p.path("busyMean").asDouble(),
                            p.path("busyMax").asLong(), p.path("maxThreads").asInt()));
                }
                for (JsonNode r : timings.path("routes")) {
                    JsonNode queued = r.path("queued");
                    JsonNode firstByte = r.path("firstByte");
                    JsonNode completed = r.path("completed");
                    rows.add(new Row(n + 1, r.path("route").asText(), queued.path("count").asLong(),
                            queued.path("meanMs").asDouble(), queued.path("p99Ms").asDouble(),
                            firstByte.path("meanMs").asDouble(), firstByte.path("p99Ms").asDouble(),
                            completed.path("meanMs").asDouble(), completed.path("p99Ms").asDouble(),
                            completed.path("maxMs").asDouble()));
                }
            } catch (java.io.IOException e) {
                System.err.println("Unreadable timings from node " + (n + 1) + ": " + e);
            }
        }
        return rows;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            System.err.println("No node timings: " + e);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
