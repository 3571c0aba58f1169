package fr.clavardage.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Server-sent events read from the raw bytes of a stream, as {@code EventSource} reads them: lines end
 * with LF (a CR before it is dropped), a blank line ends an event, {@code data:} lines are joined with
 * LF, {@code id:} and {@code retry:} are numbers, comments and other fields are ignored. Nothing is
 * decoded to text here: at thousands of streams, decoding every event was a fifth of the load tool's
 * CPU, which it takes from the server it measures; the listener decodes only what it needs.
 */
final class SseParser {

    interface Listener {
        /** An event; {@code data} is valid only during the call (the parser reuses it). */
        void event(long id, byte[] data, int length);

        void retry(long millis);
    }

    private final Listener listener;
    private byte[] scratch = new byte[8192];
    private byte[] line = new byte[256];
    private int lineLength;
    private byte[] data = new byte[1024];
    private int dataLength;
    private boolean hasData;
    private long id = -1;

    SseParser(Listener listener) {
        this.listener = listener;
    }

    void feed(ByteBuffer buffer) {
        int length = buffer.remaining();
        byte[] bytes;
        int from;
        if (buffer.hasArray()) {
            bytes = buffer.array();
            from = buffer.arrayOffset() + buffer.position();
            buffer.position(buffer.limit());
        } else {
            // The client hands over read-only or direct buffers: one bulk copy, then array scans.
            if (scratch.length < length) {
                scratch = new byte[Math.max(length, scratch.length * 2)];
            }
            buffer.get(scratch, 0, length);
            bytes = scratch;
            from = 0;
        }
        int end = from + length;
        int start = from;
        for (int i = from; i < end; i++) {
            if (bytes[i] == '\n') {
                appendLine(bytes, start, i - start);
                endOfLine();
                start = i + 1;
            }
        }
        appendLine(bytes, start, end - start);
    }

    private void appendLine(byte[] bytes, int from, int length) {
        if (lineLength + length > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + length));
        }
        System.arraycopy(bytes, from, line, lineLength, length);
        lineLength += length;
    }

    private void endOfLine() {
        int n = lineLength;
        lineLength = 0;
        if (n > 0 && line[n - 1] == '\r') {
            n--;
        }
        if (n == 0) {
            if (hasData) {
                listener.event(id, data, dataLength);
            }
            hasData = false;
            dataLength = 0;
            id = -1;
        } else if (startsWith("data:", n)) {
            int from = n > 5 && line[5] == ' ' ? 6 : 5;
            if (hasData) {
                appendData(new byte[] {'\n'}, 0, 1);
            }
            appendData(line, from, n - from);
            hasData = true;
        } else if (startsWith("id:", n)) {
            id = number(3, n);
        } else if (startsWith("retry:", n)) {
            long millis = number(6, n);
            if (millis >= 0) {
                listener.retry(millis);
            }
        }
    }

    private boolean startsWith(String field, int n) {
        if (n < field.length()) {
            return false;
        }
        for (int i = 0; i < field.length(); i++) {
            if (line[i] != field.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The decimal number after the field's colon (spaces around it allowed), or -1 if there is none. */
    private long number(int from, int n) {
        while (from < n && line[from] == ' ') {
            from++;
        }
        while (n > from && line[n - 1] == ' ') {
            n--;
        }
        if (from == n || n - from > 18) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < n; i++) {
            int digit = line[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private void appendData(byte[] bytes, int from, int length) {
        if (dataLength + length > data.length) {
            data = Arrays.copyOf(data, Math.max(data.length * 2, dataLength + length));
        }
        System.arraycopy(bytes, from, data, dataLength, length);
        dataLength += length;
    }

    /**
     * The value of the event's top-level {@code "type"} field, found without parsing the JSON. The few
     * event types come back as the same strings, not a new one per event.
     */
    static String typeOf(byte[] json, int length) {
        byte[] key = TYPE_KEY;
        outer:
        for (int at = 0; at + key.length <= length; at++) {
            for (int k = 0; k < key.length; k++) {
                if (json[at + k] != key[k]) {
                    continue outer;
                }
            }
            int start = at + key.length;
            for (int end = start; end < length; end++) {
                if (json[end] == '"') {
                    return known(json, start, end - start);
                }
            }
            return "?";
        }
        return "?";
    }

    private static String known(byte[] json, int from, int length) {
        Known[] types = knownTypes;
        for (Known type : types) {
            if (type.bytes.length == length && Arrays.equals(json, from, from + length, type.bytes, 0, length)) {
                return type.text;
            }
        }
        String text = new String(json, from, length, StandardCharsets.UTF_8);
        if (types.length < 64) {
            Known[] more = Arrays.copyOf(types, types.length + 1);
            more[types.length] = new Known(text, text.getBytes(StandardCharsets.UTF_8));
            knownTypes = more;
        }
        return text;
    }

    private record Known(String text, byte[] bytes) {
    }

    private static final byte[] TYPE_KEY = "\"type\":\"".getBytes(StandardCharsets.US_ASCII);
    /** Types met so far (copy on write: streams parse on several threads). */
    private static volatile Known[] knownTypes = {};
}
