package fr.clavardage.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import fr.clavardage.access.Audience;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A live connection's queue and its writes, against an output that records what the container would
 * send: the dispatcher offers events, then writes each touched connection once.
 */
class StreamConnectionTest {

    private final RecordingOutput out = new RecordingOutput();
    private final List<StreamConnection> pagesAsked = new ArrayList<>();
    private final StreamConnection connection = new StreamConnection("ada", null, null, async(), out,
            new StreamConnection.Node() {
                @Override
                public void requestPage(StreamConnection c) {
                    pagesAsked.add(c);
                }

                @Override
                public long applied() {
                    return 10;
                }

                @Override
                public void closed(StreamConnection c) {
                }
            });

    @Test
    void offeredEventsWaitForOneWriteAndOneFlush() {
        goLive();
        int writes = out.writes;
        int flushes = out.flushes;

        assertThat(connection.offer(event(11, 7L), frame(11))).isTrue();
        assertThat(connection.offer(event(12, 7L), frame(12))).isTrue();
        assertThat(connection.offer(event(0, 7L), frame(0))).as("a typing notice").isTrue();
        assertThat(out.writes).as("nothing written before the write-out").isEqualTo(writes);

        connection.writeQueued();
        assertThat(out.flushes - flushes).as("one flush for the three").isEqualTo(1);
        assertThat(out.text()).endsWith(text(frame(11)) + text(frame(12)) + text(frame(0)));
    }

    @Test
    void anEventAlreadyDealtWithIsNotOfferedAgain() {
        goLive();
        assertThat(connection.offer(event(10, 7L), frame(10))).as("the position the page ended at").isFalse();
        assertThat(connection.offer(event(11, 7L), frame(11))).isTrue();
        assertThat(connection.offer(event(11, 7L), frame(11))).isFalse();
    }

    @Test
    void aConnectionWhoseQueueIsFullFallsBackToReadingTheLog() {
        goLive();
        out.ready = false;
        byte[] large = new byte[StreamConnection.BUFFER_LIMIT];
        assertThat(connection.offer(event(11, 7L), large)).as("an empty queue takes any frame").isTrue();
        assertThat(connection.offer(event(12, 7L), frame(12))).as("no room: no longer live").isTrue();
        assertThat(connection.isLive()).isFalse();
        assertThat(connection.offer(event(13, 7L), frame(13))).as("catching up ignores live events").isFalse();

        out.ready = true;
        connection.onWritePossible();
        assertThat(pagesAsked).as("it reads the log from event 11 once its queue drained").containsExactly(connection);
        assertThat(connection.position()).isEqualTo(11);
    }

    /** The first write-possible, then a page up to the dispatcher's position: the connection is live. */
    private void goLive() {
        connection.start();
        connection.admit();
        assertThat(pagesAsked).hasSize(1);
        pagesAsked.clear();
        connection.acceptPage(10, EventTypes.HELLO, List.of(), true, 10, Set.of(7L));
        assertThat(connection.isLive()).isTrue();
    }

    private static ChatEvent event(long id, Long channelId) {
        return new ChatEvent(id, id == 0 ? "typing" : "post.created", Audience.CHANNEL, channelId, null, "{}",
                Instant.EPOCH);
    }

    private static byte[] frame(long id) {
        return Frames.event(event(id, 7L));
    }

    private static String text(byte[] frame) {
        return new String(frame, StandardCharsets.UTF_8);
    }

    private static AsyncContext async() {
        return (AsyncContext) Proxy.newProxyInstance(StreamConnectionTest.class.getClassLoader(),
                new Class<?>[] {AsyncContext.class}, (proxy, method, args) -> null);
    }

    /** The container's side: ready or not, and what it was given. */
    private static final class RecordingOutput extends ServletOutputStream {
        private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
        boolean ready = true;
        int writes;
        int flushes;

        @Override
        public boolean isReady() {
            return ready;
        }

        @Override
        public void setWriteListener(WriteListener writeListener) {
            try {
                writeListener.onWritePossible();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void write(int b) {
            writes++;
            sent.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            writes++;
            sent.write(b, off, len);
        }

        @Override
        public void flush() {
            flushes++;
        }

        String text() {
            return sent.toString(StandardCharsets.UTF_8);
        }
    }
}
