package fr.clavardage.realtime;

import java.nio.charset.StandardCharsets;

/** Server-Sent Events framing: an {@code id:} line for logged events, one {@code data:} line of JSON. */
final class Frames {

    private Frames() {
    }

    /** The frame of an event; typing notices (id 0) have no id line, so they do not move the client's position. */
    static byte[] event(ChatEvent event) {
        String data = "data: " + event.toJson() + "\n\n";
        return (event.id() > 0 ? "id: " + event.id() + "\n" + data : data).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * How long the client's EventSource waits before reconnecting after the connection drops (SSE's
     * {@code retry:} field); a block without data, which dispatches no event.
     */
    static byte[] retry(int millis) {
        return ("retry: " + millis + "\n\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** {@code stream.hello} or {@code stream.reset}: a position without an event behind it. */
    static byte[] marker(String type, long id) {
        return ("id: " + id + "\ndata: {\"id\":" + id + ",\"type\":\"" + type + "\",\"channelId\":null,\"data\":{}}\n\n")
                .getBytes(StandardCharsets.UTF_8);
    }
}
