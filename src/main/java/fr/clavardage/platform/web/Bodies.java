package fr.clavardage.platform.web;

import fr.clavardage.platform.error.ClavardageException;
import java.util.regex.Pattern;

/**
 * Small guards for what resources receive before handing it to a service. The grammar of ids and
 * numbers in the address lives here only, so that it can change in one place (say, to opaque ids).
 */
public final class Bodies {

    /** ASCII digits only: Java's parsers also take "+1", "01", full-width and Arabic-Indic digits. */
    private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,18}");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?[0-9]{1,19}");

    private Bodies() {
    }

    public static <T> T required(T body) {
        if (body == null) {
            throw ClavardageException.badRequest("missing_body", "This request needs a JSON body.");
        }
        return body;
    }

    /**
     * Ids in paths are written {@code [1-9][0-9]*} within the range of a long; anything else, even
     * another spelling of an existing id, names nothing: 404 {@code not_found}.
     */
    public static long id(String raw) {
        if (raw != null && ID.matcher(raw).matches()) {
            try {
                return Long.parseLong(raw);
            } catch (NumberFormatException tooLarge) {
                // falls through to not found
            }
        }
        throw ClavardageException.notFound("not_found", "No such resource.");
    }

    public static int intParam(String name, String raw) {
        Long value = wholeNumber(raw);
        if (value == null || value != value.intValue()) {
            throw ClavardageException.badRequest("invalid_" + name, name + " must be a whole number.");
        }
        return value.intValue();
    }

    public static Long optionalLongParam(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        Long value = wholeNumber(raw);
        if (value == null) {
            throw ClavardageException.badRequest("invalid_" + name, name + " must be a whole number.");
        }
        return value;
    }

    /**
     * {@code -?[0-9]+} in ASCII digits (surrounding white space allowed) within the range of a long,
     * or null.
     */
    public static Long wholeNumber(String raw) {
        if (raw == null) {
            return null;
        }
        String trimmed = raw.strip();
        if (!WHOLE_NUMBER.matcher(trimmed).matches()) {
            return null;
        }
        try {
            return Long.parseLong(trimmed);
        } catch (NumberFormatException outOfRange) {
            return null;
        }
    }
}
