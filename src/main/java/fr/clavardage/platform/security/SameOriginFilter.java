package fr.clavardage.platform.security;

import fr.clavardage.platform.error.ClavardageException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import java.util.Set;

/**
 * Cross-site request forgery guard. The host authenticates with its session cookie, which a browser
 * also sends when another site posts a form to us; such a request carries that site's Origin. Browsers
 * always send Origin on cross-origin writes, so refusing a foreign one is enough; tools like curl send
 * none and are authenticated explicitly.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class SameOriginFilter implements ContainerRequestFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Override
    public void filter(ContainerRequestContext context) {
        if (SAFE_METHODS.contains(context.getMethod())) {
            return;
        }
        String origin = context.getHeaderString("Origin");
        if (origin == null) {
            return;
        }
        URI base = context.getUriInfo().getBaseUri();
        if (!sameOrigin(origin, base)) {
            throw ClavardageException.forbidden("cross_origin_request",
                    "Requests from another site are refused.");
        }
    }

    private static boolean sameOrigin(String origin, URI base) {
        try {
            URI o = URI.create(origin);
            return o.getScheme() != null && o.getScheme().equalsIgnoreCase(base.getScheme())
                    && o.getHost() != null && o.getHost().equalsIgnoreCase(base.getHost())
                    && port(o) == port(base);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
