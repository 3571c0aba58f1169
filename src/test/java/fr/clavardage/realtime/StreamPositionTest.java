package fr.clavardage.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How the stream reads a client's position (Last-Event-ID, or ?lastEventId=). */
class StreamPositionTest {

    @Test
    void aPositionIsAWholeNumberInAsciiDigits() {
        assertThat(StreamServlet.lastEventId("42", null)).isEqualTo(42L);
        assertThat(StreamServlet.lastEventId(" 42 ", null)).isEqualTo(42L);
        assertThat(StreamServlet.lastEventId("-3", null)).isEqualTo(-3L);
        assertThat(StreamServlet.lastEventId(null, "7")).isEqualTo(7L);
        assertThat(StreamServlet.lastEventId("8", "7")).isEqualTo(8L);
        for (String other : new String[] {"+1", "\uFF11", "\u0661", "1e3", "1.0", "x", ""}) {
            assertThat(StreamServlet.lastEventId(other, null)).as(other).isNull();
        }
    }

    /** Past the range of a long is still past the newest event (reset), not "no position" (hello). */
    @Test
    void aPositionBeyondTheRangeOfALongIsBeyondTheNewestEvent() {
        assertThat(StreamServlet.lastEventId("99999999999999999999999", null)).isEqualTo(Long.MAX_VALUE);
        assertThat(StreamServlet.lastEventId("-99999999999999999999999", null)).isNegative();
    }
}
