package fr.clavardage.realtime;

import fr.clavardage.platform.error.ApiError;
import fr.clavardage.platform.error.ClavardageException;
import fr.clavardage.platform.error.DatabaseUnavailable;
import fr.clavardage.platform.security.Actor;
import fr.clavardage.platform.security.CallerResolver;
import fr.clavardage.platform.web.ApiBase;
import fr.clavardage.platform.web.JsonMapperProvider;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code GET /api/v1/stream}: the signed-in user's event stream (Server-Sent Events). A plain async
 * servlet rather than a JAX-RS resource, for Servlet non-blocking output: no thread ever waits on a
 * client. Its exact mapping takes precedence over Jersey's {@code /api/v1/*}. It answers like the rest
 * of the API: the same authentication ({@link CallerResolver}), the same JSON error body and codes, and the
 * same {@code no-store} and {@code nosniff} headers.
 */
@WebServlet(urlPatterns = ApiBase.STREAM, asyncSupported = true)
public class StreamServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(StreamServlet.class.getName());
    private static final Pattern POSITION = Pattern.compile("-?[0-9]+");
    /** Bytes of output the container gathers before sending; a larger event goes out in pieces this size. */
    public static final int STREAM_BUFFER_SIZE = 4096;

    private transient CallerResolver callers;
    private transient StreamService streams;

    /** Looked up rather than injected: not every container decorates servlets with CDI injection. */
    @Override
    public void init() {
        var cdi = CDI.current();
        callers = cdi.select(CallerResolver.class).get();
        streams = cdi.select(StreamService.class).get();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        commonHeaders(response);
        if (request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null) {
            // The stream reads no body: the container closes the connection after answering, so say so.
            response.setHeader("Connection", "close");
        }
        // The checks in the order the API makes them: the address, the method, the media type, the caller.
        if (hasControlCharacters(request)) {
            error(response, 400, ApiError.of("invalid_characters", "The address contains control characters."));
            return;
        }
        if (!"GET".equals(request.getMethod())) {
            response.setHeader("Allow", "GET");
            error(response, 405, ApiError.of("method_not_allowed", "This method is not allowed on this resource."));
            return;
        }
        if (!acceptsEventStream(request.getHeader("Accept"))) {
            error(response, 406, ApiError.of("not_acceptable", "This resource cannot answer in the requested media type."));
            return;
        }
        Actor caller;
        try {
            caller = callers.resolve(request);
        } catch (RuntimeException e) {
            fail(response, e);
            return;
        }
        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        // A stream stays open for hours, and with it the container's response buffer (Jetty: a pooled
        // 32 KB buffer per open stream by default). Events are small: a 4 KB one still gathers a burst.
        response.setBufferSize(STREAM_BUFFER_SIZE);
        AsyncContext async = request.startAsync();
        // Open until the client leaves, a write fails, or the client stops reading for too long.
        async.setTimeout(0);
        HttpSession session = request.getSession(false);
        streams.open(caller.userId(), session == null ? null : session.getId(), async, response.getOutputStream(),
                lastEventId(request.getHeader("Last-Event-ID"), request.getParameter("lastEventId")));
    }

    /**
     * {@code Last-Event-ID} (sent by browsers when they reconnect) wins over {@code ?lastEventId=}. A
     * position is {@code -?[0-9]+} in ASCII digits; one past the range of a long is still a position,
     * one this log never had (so the client is told to reload). Anything else is ignored.
     */
    static Long lastEventId(String header, String parameter) {
        String raw = header != null && !header.isBlank() ? header : parameter;
        if (raw == null || !POSITION.matcher(raw.strip()).matches()) {
            return null;
        }
        String position = raw.strip();
        try {
            return Long.parseLong(position);
        } catch (NumberFormatException outOfRange) {
            return position.startsWith("-") ? -1L : Long.MAX_VALUE;
        }
    }

    private static boolean hasControlCharacters(HttpServletRequest request) {
        return request.getRequestURI().chars().anyMatch(Character::isISOControl)
                || request.getParameterMap().entrySet().stream().anyMatch(e ->
                (e.getKey() + String.join("", e.getValue())).chars().anyMatch(Character::isISOControl));
    }

    private static boolean acceptsEventStream(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        return Arrays.stream(accept.split(","))
                .map(range -> range.split(";")[0].strip().toLowerCase(Locale.ROOT))
                .anyMatch(range -> range.equals("text/event-stream") || range.equals("text/*") || range.equals("*/*"));
    }

    private static void commonHeaders(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
    }

    private static void fail(HttpServletResponse response, RuntimeException e) throws IOException {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ClavardageException known) {
                error(response, known.kind().status, new ApiError(known.code(), known.getMessage(), known.field()));
                return;
            }
        }
        if (DatabaseUnavailable.causedBy(e)) {
            LOG.warning(() -> "Database unavailable: " + e);
            response.setHeader("Retry-After", String.valueOf(DatabaseUnavailable.RETRY_AFTER_SECONDS));
            error(response, 503, DatabaseUnavailable.error());
            return;
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected error, incident " + incident, e);
        error(response, 500, ApiError.of("internal_error", "An unexpected error occurred (incident " + incident + ")."));
    }

    private static void error(HttpServletResponse response, int status, ApiError body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(JsonMapperProvider.mapper().writeValueAsBytes(body));
    }
}
