package fr.clavardage.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {

    private final List<String> events = new ArrayList<>();
    private final List<Long> retries = new ArrayList<>();
    private final SseParser parser = new SseParser(new SseParser.Listener() {
        @Override
        public void event(long id, byte[] data, int length) {
            events.add(id + "=" + new String(data, 0, length, StandardCharsets.UTF_8));
        }

        @Override
        public void retry(long millis) {
            retries.add(millis);
        }
    });

    /** Feeds the text in pieces of {@code size} bytes, as a network would cut it. */
    private void feed(String text, int size) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int from = 0; from < bytes.length; from += size) {
            parser.feed(ByteBuffer.wrap(bytes, from, Math.min(size, bytes.length - from)));
        }
    }

    @Test
    void eventsAreCutAtBlankLinesWhereverTheBytesArriveSplit() {
        String stream = ": ping\n\nretry: 2500\nid: 41\ndata: {\"type\":\"post.created\",\"text\":\"Café ☕ été\"}\n\n"
                + "id:42\r\ndata:{\"type\":\"typing\"}\r\n\r\n";
        for (int size : new int[] {1, 2, 3, 7, 1000}) {
            events.clear();
            retries.clear();
            feed(stream, size);
            assertThat(events).as("pieces of %d bytes", size).containsExactly(
                    "41={\"type\":\"post.created\",\"text\":\"Café ☕ été\"}", "42={\"type\":\"typing\"}");
            assertThat(retries).containsExactly(2500L);
        }
    }

    @Test
    void dataLinesAreJoinedAndAnEventWithoutDataIsNoEvent() {
        feed("id: 7\n\ndata: a\ndata: b\n\ndata\n\n", 5);
        assertThat(events).containsExactly("-1=a\nb");
    }

    @Test
    void aMalformedIdOrRetryIsIgnored() {
        feed("id: x1\nretry: soon\ndata: {}\n\n", 4);
        assertThat(events).containsExactly("-1={}");
        assertThat(retries).isEmpty();
    }

    @Test
    void theTypeIsFoundWithoutParsing() {
        byte[] json = "{\"id\":5,\"type\":\"member.added\",\"data\":{\"type\":\"x\"}}".getBytes(StandardCharsets.UTF_8);
        assertThat(SseParser.typeOf(json, json.length)).isEqualTo("member.added");
        assertThat(SseParser.typeOf(json, 10)).isEqualTo("?");
        assertThat(SseParser.typeOf(json, json.length)).as("the same string each time").isSameAs(SseParser.typeOf(json, json.length));
    }

    @Test
    void directAndReadOnlyBuffersAreReadToo() {
        byte[] bytes = "id: 3\ndata: {\"type\":\"typing\"}\n\n".getBytes(StandardCharsets.UTF_8);
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        parser.feed(direct);
        parser.feed(ByteBuffer.wrap(bytes).asReadOnlyBuffer());
        assertThat(events).containsExactly("3={\"type\":\"typing\"}", "3={\"type\":\"typing\"}");
        assertThat(direct.hasRemaining()).isFalse();
    }
}
