package fr.clavardage.channel;

import fr.clavardage.platform.error.ClavardageException;
import java.util.Locale;

public enum ChannelType {
    /** Anyone can find, read and join it. */
    PUBLIC,
    /** Only members see it; members invite others. */
    PRIVATE;

    public static ChannelType parse(String value) {
        if (value == null || value.isBlank()) {
            return PUBLIC;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ClavardageException.invalid("type", "invalid_channel_type", "A channel is 'public' or 'private'.");
        }
    }

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
