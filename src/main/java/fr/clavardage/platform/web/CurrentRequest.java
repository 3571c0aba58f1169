package fr.clavardage.platform.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Optional;

/**
 * The servlet request an API call is being served on, for the API's singleton filters. Jersey can
 * inject it too, but as a proxy whose first use in every request makes HK2 look up and build the
 * request's instance: 2 % of a busy node's CPU for the authentication filter alone.
 */
@WebFilter(urlPatterns = ApiBase.PATH + "/*", asyncSupported = true)
public class CurrentRequest implements Filter {

    private static final ThreadLocal<HttpServletRequest> CURRENT = new ThreadLocal<>();

    /** The request this thread is serving, if it came through this filter. */
    public static Optional<HttpServletRequest> get() {
        return Optional.ofNullable(CURRENT.get());
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest outer = CURRENT.get();
        if (request instanceof HttpServletRequest http) {
            CURRENT.set(http);
        }
        try {
            chain.doFilter(request, response);
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }
}
