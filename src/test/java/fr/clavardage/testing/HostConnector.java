package fr.clavardage.testing;

import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The HTTP connector of the Jetty hosts the tests and the demo start, set up as
 * docs/host-integration.md recommends for a container that holds thousands of event streams.
 */
public final class HostConnector {

    private HostConnector() {
    }

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
