package fr.clavardage.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.clavardage.platform.error.ClavardageException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void limitsCountCodePoints() {
        String emoji = "😀".repeat(64);
        assertThat(Text.requireLine(emoji, 64, "f", "invalid_f", "F")).isEqualTo(emoji);
        assertThatThrownBy(() -> Text.requireLine(emoji + "😀", 64, "f", "invalid_f", "F"))
                .isInstanceOfSatisfying(ClavardageException.class, e -> assertThat(e.field()).isEqualTo("f"));
    }

    @Test
    void invisibleTextReadsAsEmpty() {
        for (String blank : new String[] {"\u00A0", "\u200B", "\u200B\u00A0\u2060\uFEFF", "\u3000\u2028", "\u200D\u200C",
                "\u2800", "\u3164", "\uFE0F", "\u202E\u200E", "\u00AD"}) {
            assertThat(Text.isInvisible(blank)).as(blank.codePoints().mapToObj(Integer::toHexString).toList().toString()).isTrue();
            assertThatThrownBy(() -> Text.requireLine(blank, 64, "f", "invalid_f", "F")).isInstanceOf(ClavardageException.class);
            assertThat(Text.optionalLine(blank, 64, "f", "invalid_f", "F")).isNull();
        }
        for (String visible : new String[] {"a", "\u200Ba", "😀", "\u00A0.", "👍🏽", "\u0301"}) {
            assertThat(Text.isInvisible(visible)).as(visible).isFalse();
        }
    }

    @Property(tries = 300)
    void loneSurrogatesAreRefusedWherever(@ForAll @StringLength(max = 20) String before,
                                         @ForAll("loneSurrogates") char lone,
                                         @ForAll @StringLength(max = 20) String after) {
        String text = "x" + before + lone + after;
        assertThat(Text.hasLoneSurrogate(text)).isTrue();
        assertThatThrownBy(() -> Text.requireLine(text, 200, "f", "invalid_f", "F"))
                .isInstanceOfSatisfying(ClavardageException.class, e -> assertThat(e.code()).isEqualTo("invalid_f"));
    }

    @Provide
    Arbitrary<Character> loneSurrogates() {
        return Arbitraries.chars().range('\uD800', '\uDFFF');
    }

    @Property(tries = 300)
    void wellFormedTextHasNoLoneSurrogate(@ForAll("codePoints") String text) {
        assertThat(Text.hasLoneSurrogate(text)).isFalse();
    }

    @Provide
    Arbitrary<String> codePoints() {
        return Arbitraries.integers().between(0, 0x10FFFF).filter(c -> c < 0xD800 || c > 0xDFFF)
                .list().ofMaxSize(30)
                .map(cps -> new String(cps.stream().mapToInt(Integer::intValue).toArray(), 0, cps.size()));
    }
}
