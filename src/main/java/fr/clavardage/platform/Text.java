package fr.clavardage.platform;

import fr.clavardage.platform.error.ClavardageException;

/**
 * Checks shared by the features' entities on text that users type. Every limit counts Unicode code
 * points (so an emoji is one character, as people count), and the columns are wide enough in UTF-16
 * units, which is what H2 counts (see V7__text_limits_in_code_points.sql).
 */
public final class Text {

    private Text() {
    }

    /** Trimmed text of 1..max characters with no control characters, or a 422 naming the field. */
    public static String requireLine(String value, int max, String field, String code, String label) {
        String trimmed = value == null ? "" : value.strip();
        int length = trimmed.codePointCount(0, trimmed.length());
        if (isInvisible(trimmed) || length > max) {
            throw ClavardageException.invalid(field, code, label + " must be 1 to " + max + " characters long.");
        }
        if (trimmed.codePoints().anyMatch(Character::isISOControl)) {
            throw ClavardageException.invalid(field, code, label + " cannot contain control characters.");
        }
        if (hasLoneSurrogate(trimmed)) {
            throw ClavardageException.invalid(field, code, label + " is not valid Unicode text (lone surrogate).");
        }
        return trimmed;
    }

    /** Like {@link #requireLine} but empty (or nothing visible) means "none" and gives null. */
    public static String optionalLine(String value, int max, String field, String code, String label) {
        if (value == null || isInvisible(value)) {
            return null;
        }
        return requireLine(value, max, field, code, label);
    }

    /**
     * True when nothing in {@code text} would show: white space of any kind (no-break spaces
     * included), format characters (zero-width space and joiners, the byte-order mark, bidi marks)
     * and the few other code points Unicode lists as default-ignorable or fillers. Such text reads
     * as empty, so it is refused or cleared like empty text.
     */
    public static boolean isInvisible(String text) {
        return text.codePoints().allMatch(Text::isInvisible);
    }

    static boolean isInvisible(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)
                || Character.getType(c) == Character.FORMAT
                || c == 0x034F                        // combining grapheme joiner
                || c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0   // Hangul fillers
                || c == 0x17B4 || c == 0x17B5         // Khmer inherent vowels
                || c >= 0x180B && c <= 0x180F         // Mongolian variation selectors, vowel separator
                || c >= 0xFE00 && c <= 0xFE0F         // variation selectors
                || c >= 0xE0100 && c <= 0xE01EF       // variation selectors supplement
                || c == 0x2800;                       // braille pattern blank
    }

    /**
     * True when a UTF-16 surrogate stands alone: such a string is not Unicode text, cannot be encoded
     * in UTF-8 (the database and JSON would each mangle it in their own way), so it is refused.
     */
    public static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** Length as people count it: code points, not UTF-16 units. */
    public static int length(String text) {
        return text.codePointCount(0, text.length());
    }
}
