package fr.clavardage.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 on a plain socket, for what a proper client refuses to send (control characters, invalid
 * percent-encoding, raw bytes in the request line) and for watching the connection itself: whether the
 * server closes it, and whether it said so with {@code Connection: close}.
 */
public final class RawHttp implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String host;

    /** One exchange as read off the wire. */
    public record Answer(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawHttp(URL base) throws IOException {
        socket = new Socket(base.getHost(), base.getPort());
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        host = base.getHost() + ":" + base.getPort();
    }

    public static RawHttp open(URL base) throws IOException {
        return new RawHttp(base);
    }

    public static String basic(String login) {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":demo").getBytes(StandardCharsets.UTF_8));
    }

    /** Writes a request line and headers (Host added) ending the head; {@code target} goes out byte for byte. */
    public void head(String method, byte[] target, Map<String, String> headers) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        head.write((method + " ").getBytes(StandardCharsets.ISO_8859_1));
        head.write(target);
        head.write(" HTTP/1.1\r\nHost: ".getBytes(StandardCharsets.ISO_8859_1));
        head.write(host.getBytes(StandardCharsets.ISO_8859_1));
        head.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        for (Map.Entry<String, String> h : headers.entrySet()) {
            head.write((h.getKey() + ": " + h.getValue() + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        head.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.write(head.toByteArray());
        out.flush();
    }

    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads one response (Content-Length or chunked body). */
    public Answer read() throws IOException {
        String statusLine = line();
        if (statusLine == null) {
            throw new IOException("connection closed before a response");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(); line != null && !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            headers.merge(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip(),
                    (a, b) -> a + ", " + b);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (headers.containsKey("content-length")) {
            body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(line().strip(), 16); size > 0; size = Integer.parseInt(line().strip(), 16)) {
                body.write(in.readNBytes(size));
                line();
            }
            line();
        }
        return new Answer(status, headers, body.toString(StandardCharsets.UTF_8));
    }

    /** True if the server closed the connection (end of stream) within {@code millis}. */
    public boolean closedWithin(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b == -1) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
