package fr.clavardage.typing;

import fr.clavardage.channel.ChannelService;
import fr.clavardage.platform.security.Actor;
import fr.clavardage.realtime.EventTypes;
import fr.clavardage.realtime.Events;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** "Alice is typing…": announced to the channel, throttled, never stored. */
@ApplicationScoped
public class TypingService {

    static final Duration THROTTLE = Duration.ofSeconds(2);

    private final Map<String, Instant> lastSent = new ConcurrentHashMap<>();

    @Inject
    ChannelService channels;
    @Inject
    Events events;
    @Inject
    Clock clock;

    public void typing(Actor actor, long channelId) {
        channels.forMember(actor, channelId);
        Instant now = clock.instant();
        String key = actor.userId() + "@" + channelId;
        Instant before = lastSent.get(key);
        if (before != null && before.isAfter(now.minus(THROTTLE))) {
            return;
        }
        lastSent.put(key, now);
        if (lastSent.size() > 10_000) {
            lastSent.values().removeIf(at -> at.isBefore(now.minus(THROTTLE)));
        }
        events.ephemeral(EventTypes.TYPING, channelId, new Typing(channelId, actor.userId()));
    }
}
