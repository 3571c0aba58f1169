package fr.clavardage.platform.error;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The module's error page (web.xml {@code <error-page>}): errors the container raises inside the
 * module, before or outside JAX-RS (no static file at that path, a path that normalizes out of the API,
 * an exception in a filter), get the API's JSON error body and headers instead of the container's HTML
 * page, which names its version. Declared in web.xml, so it works in any Servlet container.
 */
public class ErrorPageServlet extends HttpServlet {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int status = statusOf(request, response);
        if (status < 400) {
            // Asked for directly rather than dispatched to for an error: there is nothing here.
            status = 404;
        }
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(JSON.writeValueAsBytes(ApiError.forStatus(status)));
    }

    /**
     * The status the container set, from the error attribute or else the response itself (Jetty 12
     * leaves the attribute out for errors raised by its security handler, such as a 401 to a wrong
     * password under container authentication).
     */
    private static int statusOf(HttpServletRequest request, HttpServletResponse response) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (code instanceof Number number) {
            return number.intValue();
        }
        return response.getStatus();
    }
}
