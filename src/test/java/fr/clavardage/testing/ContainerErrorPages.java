package fr.clavardage.testing;

import fr.clavardage.platform.error.ApiError;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * What docs/host-integration.md asks a Jetty host to set, set in the test Jetty: errors Jetty decides
 * before any web application sees the request (its URI and HTTP parsers: an encoded slash, invalid
 * UTF-8, a control character, a URI too long) answer with the API's JSON error body and
 * {@code nosniff} rather than an HTML page, and no {@code Server} header names Jetty's version.
 * Installed from the test deployment's {@code jetty-env.xml} (see {@link ModuleDeployment}).
 */
public final class ContainerErrorPages extends ErrorHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Puts this error handler on the server {@code context} is deployed in, once. */
    public static void install(WebAppContext context) {
        var server = context.getServer();
        if (server == null || server.getErrorHandler() instanceof ContainerErrorPages) {
            return;
        }
        server.setErrorHandler(new ContainerErrorPages());
        for (var connector : server.getConnectors()) {
            HttpConnectionFactory http = connector.getConnectionFactory(HttpConnectionFactory.class);
            if (http != null) {
                http.getHttpConfiguration().setSendServerVersion(false);
            }
        }
    }

    /** Jetty's own handler writes a body for GET, POST and HEAD only; a DELETE deserves one too. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        headers(response.getHeaders());
        response.write(true, ByteBuffer.wrap(body(code)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        headers(fields);
        return ByteBuffer.wrap(body(status));
    }

    private static void headers(HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        fields.put("X-Content-Type-Options", "nosniff");
        fields.put(HttpHeader.CACHE_CONTROL, "no-store");
    }

    private static byte[] body(int status) {
        try {
            return JSON.writeValueAsBytes(ApiError.forStatus(status));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
