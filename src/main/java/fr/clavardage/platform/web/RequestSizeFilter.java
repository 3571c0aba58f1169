package fr.clavardage.platform.web;

import fr.clavardage.platform.config.ModuleConfig;
import fr.clavardage.platform.error.ApiError;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Refuses a request body larger than {@value #REQUEST_LIMIT} bytes (default 8 MiB, above the 5 MB
 * avatar limit) with 413 {@code payload_too_large}, before anything reads it. A body with no declared
 * length (chunked) is read up to the limit first, so that nothing downstream ever sees more.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class RequestSizeFilter implements Filter {

    public static final String REQUEST_LIMIT = "clavardage.limit.request";
    public static final long DEFAULT_LIMIT = 8L * 1024 * 1024;

    private long limit;

    @Override
    public void init(FilterConfig config) {
        limit = ModuleConfig.get(REQUEST_LIMIT).map(Long::parseLong).orElse(DEFAULT_LIMIT);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse reply)) {
            chain.doFilter(request, response);
            return;
        }
        long declared = http.getContentLengthLong();
        if (declared > limit) {
            refuse(reply);
            return;
        }
        if (declared < 0 && http.getHeader("Transfer-Encoding") != null) {
            byte[] body = http.getInputStream().readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE));
            if (body.length > limit) {
                refuse(reply);
                return;
            }
            chain.doFilter(new BufferedBody(http, body), response);
            return;
        }
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletResponse response) throws IOException {
        response.setStatus(413);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        // The rest of the body is not read: tell the client this connection ends here.
        response.setHeader("Connection", "close");
        JsonMapperProvider.mapper().writeValue(response.getOutputStream(), ApiError.of("payload_too_large",
                "The request body is larger than " + limit + " bytes."));
    }

    /** The request with its (chunked) body already read into memory, within the limit. */
    private static final class BufferedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        BufferedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("The body is already read");
                }
            };
        }
    }
}
