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
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer given ? given : 404;
        if (status < 400) {
            status = 404;
        }
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(JSON.writeValueAsBytes(ApiError.forStatus(status)));
    }
}
