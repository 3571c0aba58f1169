package fr.clavardage.testing;

import static org.assertj.core.api.Assertions.assertThat;

import fr.clavardage.realtime.StreamServlet;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.http.HttpGenerator;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.junit.jupiter.api.Test;

class HostConnectorTest {

    /**
     * Open streams hold their response buffer for hours. The buffer taken for each chunk header of a
     * streamed write must come from another bucket, or every event written scans the held ones first.
     */
    @Test
    void chunkBuffersDoNotShareABucketWithTheBuffersThatStreamsHold() throws Exception {
        ByteBufferPool pool = HostConnector.server().getByteBufferPool();
        List<RetainableByteBuffer> heldByStreams = new ArrayList<>();
        try {
            for (int i = 0; i < 300; i++) {
                heldByStreams.add(pool.acquire(StreamServlet.STREAM_BUFFER_SIZE, true));
            }
            RetainableByteBuffer chunk = pool.acquire(HttpGenerator.CHUNK_SIZE, true);
            try {
                assertThat(chunk.capacity()).isLessThan(StreamServlet.STREAM_BUFFER_SIZE);
                assertThat(heldByStreams).allSatisfy(b -> assertThat(b.capacity()).isEqualTo(StreamServlet.STREAM_BUFFER_SIZE));
            } finally {
                chunk.release();
            }
        } finally {
            heldByStreams.forEach(RetainableByteBuffer::release);
        }
    }
}
