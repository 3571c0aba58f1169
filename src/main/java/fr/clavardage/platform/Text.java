package fr.clavardage.platform;

import fr.clavardage.platform.error.ClavardageException;

/** Checks shared by the features' entities on text that users type. */
public final class Text {

    private Text() {
    }

    /** Trimmed text of 1..max characters with no control characters, or a 422 naming the field. */
    public static String requireLine(String value, int max, String field, String code, String label) {
        String trimmed = value == null ? "" : value.strip();
        int length = trimmed.codePointCount(0, trimmed.length());
        if (length == 0 || length > max) {
            throw ClavardageException.invalid(field, code, label + " must be 1 to " + max + " characters long.");
        }
        if (trimmed.codePoints().anyMatch(Character::isISOControl)) {
            throw ClavardageException.invalid(field, code, label + " cannot contain control characters.");
        }
        return trimmed;
    }

    /** Like {@link #requireLine} but empty means "none" and gives null. */
    public static String optionalLine(String value, int max, String field, String code, String label) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return requireLine(value, max, field, code, label);
    }
}
