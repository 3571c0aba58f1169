package fr.clavardage.platform.web;

import fr.clavardage.platform.config.ModuleConfig;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * Headers on every response of the module (pages, scripts, JSON, the event stream, errors): the
 * browser must not guess content types ({@code nosniff}), and the pages run under a strict
 * Content-Security-Policy that allows only the module's own scripts and styles, and lets only the
 * module's own origin, plus the host origins set in {@value #HOST_ORIGIN}, frame them. A response
 * that sets its own policy afterwards (avatars) replaces this one.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true, dispatcherTypes = {
        DispatcherType.REQUEST, DispatcherType.FORWARD, DispatcherType.INCLUDE, DispatcherType.ERROR, DispatcherType.ASYNC})
public class SecurityHeadersFilter implements Filter {

    /** Origins (scheme://host[:port], space-separated) of the host shell that frames the window and widget. */
    public static final String HOST_ORIGIN = "clavardage.host.origin";

    private String policy;
    private boolean sameOriginOnly;

    @Override
    public void init(FilterConfig config) {
        List<String> hostOrigins = hostOrigins(ModuleConfig.get(HOST_ORIGIN).orElse(""));
        policy = policy(hostOrigins);
        sameOriginOnly = hostOrigins.isEmpty();
    }

    /**
     * No inline script or style anywhere (the pages have none; scripts set styles through the CSSOM,
     * which CSP allows). Message pictures may come from any http(s) address, as documented; a chosen
     * avatar is previewed from a blob: URL.
     */
    static String policy(List<String> hostOrigins) {
        String ancestors = hostOrigins.isEmpty() ? "'self'" : "'self' " + String.join(" ", hostOrigins);
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https: http: data: blob:; "
                + "connect-src 'self'; worker-src 'self'; font-src 'self'; manifest-src 'self'; form-action 'self'; "
                + "base-uri 'none'; object-src 'none'; frame-ancestors " + ancestors;
    }

    /** Parses the setting; a malformed origin stops the deployment rather than weakening the policy. */
    static List<String> hostOrigins(String setting) {
        return java.util.Arrays.stream(setting.trim().split("[\\s,]+")).filter(s -> !s.isEmpty()).map(origin -> {
            try {
                URI uri = new URI(origin);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                boolean bare = (uri.getPath() == null || uri.getPath().isEmpty()) && uri.getQuery() == null
                        && uri.getFragment() == null && uri.getUserInfo() == null;
                if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || !bare) {
                    throw new IllegalArgumentException();
                }
                return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new IllegalStateException(HOST_ORIGIN + ": not an origin (https://host[:port]): " + origin);
            }
        }).toList();
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (response instanceof HttpServletResponse http && !http.isCommitted()) {
            http.setHeader("X-Content-Type-Options", "nosniff");
            http.setHeader("Content-Security-Policy", policy);
            if (sameOriginOnly) {
                // For browsers without frame-ancestors; it cannot name another origin, so only when none is set.
                http.setHeader("X-Frame-Options", "SAMEORIGIN");
            }
        }
        chain.doFilter(request, response);
    }
}
