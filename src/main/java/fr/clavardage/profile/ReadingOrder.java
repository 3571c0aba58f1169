package fr.clavardage.profile;

import fr.clavardage.platform.error.ClavardageException;
import java.util.Locale;

/** Where the newest message of a channel shows: at the bottom (as most chats) or at the top. */
public enum ReadingOrder {
    NEWEST_BOTTOM, NEWEST_TOP;

    static ReadingOrder parse(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ClavardageException.invalid("readingOrder", "invalid_reading_order",
                    "The reading order is 'newest_bottom' or 'newest_top'.");
        }
    }

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
