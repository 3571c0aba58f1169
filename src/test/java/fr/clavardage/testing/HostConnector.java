package fr.clavardage.testing;

import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP connector of the Jetty hosts the tests and the demo start, set up as
 * docs/host-integration.md recommends for a container that holds thousands of event streams.
 */
public final class HostConnector {

    private HostConnector() {
    }

    /**
     * A Jetty server whose buffer pool gives each buffer size a bucket of its own (powers of two).
     * Each open event stream holds its 4 KB response buffer for hours; in Jetty's default pool that
     * size shares its bucket with the tiny chunk-size buffers taken for every write of a chunked
     * response, so every event written scanned the first 256 held stream buffers before finding a
     * free one (5 % of the node's CPU at 5,000 users). Here the stream buffers are alone in theirs.
     */
    public static Server server() {
        // Jetty's default pool (200 threads) unless clavardage.host.threads says otherwise: the load
        // runs compare sizes (docs/performance.md).
        QueuedThreadPool threads = new QueuedThreadPool(Integer.getInteger(THREADS, 200));
        threads.setName("host");
        return new Server(threads, null, new ArrayByteBufferPool.Quadratic());
    }

    /** The most request threads of the demo and test hosts' Jetty. */
    public static final String THREADS = "clavardage.host.threads";

    public static ServerConnector create(Server server, String host, int port) {
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        // Jetty's per-connection cache of parsed header fields (1,024 entries by default) costs about
        // 100 KB of heap on every connection that has received a request, and an event stream keeps
        // its connection for hours after its single request: with the cache, it was 90 % of an idle
        // user's heap. Parsing headers without it costs a few allocations per request.
        connector.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration().setHeaderCacheSize(0);
        return connector;
    }
}
