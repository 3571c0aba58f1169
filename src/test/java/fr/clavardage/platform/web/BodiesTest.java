package fr.clavardage.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.clavardage.platform.error.ClavardageException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Positive;

/** The one grammar of ids and numbers in addresses (run by jqwik's engine, beside Jupiter's). */
class BodiesTest {

    @Property(tries = 300)
    void everyPositiveLongReadsBackAsItself(@ForAll @Positive long id) {
        assertThat(Bodies.id(Long.toString(id))).isEqualTo(id);
    }

    /** Other spellings of 1 that Long.parseLong takes: none of them names post or channel 1. */
    @Property(tries = 50)
    void otherSpellingsOfAnIdNameNothing(@ForAll("otherSpellings") String raw) {
        assertThatThrownBy(() -> Bodies.id(raw)).isInstanceOfSatisfying(ClavardageException.class,
                e -> assertThat(e.code()).isEqualTo("not_found"));
    }

    @Provide
    Arbitrary<String> otherSpellings() {
        return Arbitraries.of("+1", "01", "001", "\uFF11", "\u0661", "\u0967", "1 ", " 1", "-1", "0", "1.0", "1e0",
                "0x1", "", "9223372036854775808", "99999999999999999999", "1\u0000", "\uD835\uDFCF");
    }

    /** Whatever the text, the parser answers a positive id or not_found: never another exception. */
    @Property(tries = 500)
    void anyTextIsAnIdOrNotFound(@ForAll String raw) {
        try {
            assertThat(Bodies.id(raw)).isPositive();
            assertThat(raw).matches("[1-9][0-9]*");
        } catch (ClavardageException e) {
            assertThat(e.code()).isEqualTo("not_found");
        }
    }

    @Property(tries = 200)
    void limitsAreAsciiWholeNumbers(@ForAll int n) {
        assertThat(Bodies.intParam("limit", Integer.toString(n))).isEqualTo(n);
        for (String lenient : new String[] {"+" + Math.abs(n), "\uFF15", "\u0665", "5.0", "2147483648"}) {
            assertThatThrownBy(() -> Bodies.intParam("limit", lenient)).as(lenient)
                    .isInstanceOfSatisfying(ClavardageException.class, e -> assertThat(e.code()).isEqualTo("invalid_limit"));
        }
    }

    @Property(tries = 20)
    void utf8BodiesNeverStartWithNulOrAUtf16Mark(@ForAll("utf16or32Heads") byte[] head) {
        assertThat(Utf8Bodies.looksLikeUtf8(head)).isFalse();
    }

    @Provide
    Arbitrary<byte[]> utf16or32Heads() {
        return Arbitraries.of(
                new byte[] {'{', 0, 0, 0}, new byte[] {0, 0, 0, '{'}, new byte[] {0, '{', 0, '"'},
                new byte[] {'{', 0, '"', 0}, new byte[] {(byte) 0xFE, (byte) 0xFF, 0, '{'},
                new byte[] {(byte) 0xFF, (byte) 0xFE, '{', 0}, new byte[] {0, 0, (byte) 0xFE, (byte) 0xFF});
    }
}
