package fr.clavardage.realtime;

import fr.clavardage.access.Audience;

import java.time.Instant;

/**
 * One event as logged and streamed. {@code payload} is the JSON the client gets as {@code data}; it is
 * written once, when the event happens, so every receiver sees the same thing.
 */
public record ChatEvent(long id, String type, Audience audience, Long channelId, String userId, String payload,
                        Instant createdAt) {

    /** The wire form: {"id":…,"type":…,"channelId":…,"data":…}. */
    public String toJson() {
        return "{\"id\":" + id + ",\"type\":\"" + type + "\",\"channelId\":" + channelId + ",\"data\":" + payload + "}";
    }
}
