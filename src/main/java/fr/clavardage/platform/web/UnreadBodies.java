package fr.clavardage.platform.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request answered without its body read to the end (a 415 or a 401 comes before the body is read,
 * an oversized avatar stops half-way) leaves bytes on the connection. The container then closes it
 * after the answer (it cannot tell where the next request starts), but the answer is already written
 * and did not say so: a client that sends its next request on that connection loses it. So such an
 * answer says {@code Connection: close}. Bodies read to their end keep the connection alive.
 */
@Provider
public class UnreadBodies implements ReaderInterceptor, ContainerResponseFilter {

    private static final String READ_TO_END = UnreadBodies.class.getName() + ".readToEnd";

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        context.setInputStream(new EndWatcher(context.getInputStream(), context));
        return context.proceed();
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (declaresBody(request) && request.getProperty(READ_TO_END) == null) {
            response.getHeaders().putSingle("Connection", "close");
        }
    }

    private static boolean declaresBody(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        return length != null ? !length.strip().equals("0") : request.getHeaderString("Transfer-Encoding") != null;
    }

    /** Notes on the request when the body's end has been reached. */
    private static final class EndWatcher extends FilterInputStream {

        private final ReaderInterceptorContext context;

        EndWatcher(InputStream in, ReaderInterceptorContext context) {
            super(in);
            this.context = context;
        }

        @Override
        public int read() throws IOException {
            return ended(super.read());
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return ended(super.read(b, off, len));
        }

        private int ended(int result) {
            if (result == -1) {
                context.setProperty(READ_TO_END, Boolean.TRUE);
            }
            return result;
        }
    }
}
