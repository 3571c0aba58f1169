package fr.clavardage.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.clavardage.platform.error.ClavardageException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void countsCharactersNotUtf16Units() {
        String emoji = "😀".repeat(Post.MESSAGE_MAX);
        assertThat(Post.checkedMessage(emoji)).isEqualTo(emoji);
        assertThatThrownBy(() -> Post.checkedMessage(emoji + "😀"))
                .isInstanceOfSatisfying(ClavardageException.class, e -> assertThat(e.code()).isEqualTo("message_too_long"));
    }

    @Test
    void textWithNothingVisibleIsEmpty() {
        for (String invisible : new String[] {"\u00A0", "\u200B", " \u00A0\u200B\n\u2060 ", "\uFEFF", "\u3000"}) {
            assertThatThrownBy(() -> Post.checkedMessage(invisible))
                    .isInstanceOfSatisfying(ClavardageException.class, e -> assertThat(e.code()).isEqualTo("message_empty"));
        }
    }

    @Test
    void loneSurrogatesAreInvalidCharacters() {
        for (String broken : new String[] {"a\uD83D", "\uDE00b", "x\uDE00\uD83Dy"}) {
            assertThatThrownBy(() -> Post.checkedMessage(broken))
                    .isInstanceOfSatisfying(ClavardageException.class, e -> assertThat(e.code()).isEqualTo("invalid_characters"));
        }
    }

    @Test
    void keepsLeadingIndentationButDropsTrailingBlanks() {
        assertThat(Post.checkedMessage("    code\n\n")).isEqualTo("    code");
    }

    @Test
    void editMarksThePostEditedOnlyWhenTheTextChanges() {
        Post post = Post.write(1, 1, "u", "Bonjour", List.of(), null, T0);
        post.edit("Bonjour", T0.plusSeconds(5));
        assertThat(post.editedAt()).isNull();
        post.edit("Bonsoir", T0.plusSeconds(10));
        assertThat(post.editedAt()).isEqualTo(T0.plusSeconds(10));
    }

    @Test
    void deleteErasesTheText() {
        Post post = Post.write(1, 1, "u", "Secret", List.of("v"), null, T0);
        post.delete(T0);
        assertThat(post.isDeleted()).isTrue();
        assertThat(post.message()).isEmpty();
        assertThat(post.recipients()).isEmpty();
    }
}
