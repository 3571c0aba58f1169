package fr.clavardage.presence;

import fr.clavardage.profile.ManualStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Presence from activity on this node: a user is online while their client talks to the API, away
 * after a quiet spell, offline after a longer one. A status the user set by hand wins.
 */
@ApplicationScoped
public class PresenceTracker {

    static final Duration ONLINE_WINDOW = Duration.ofSeconds(90);
    static final Duration AWAY_WINDOW = Duration.ofMinutes(10);

    private final Map<String, Instant> lastSeen = new ConcurrentHashMap<>();

    @Inject
    Clock clock;

    public void seen(String userId) {
        lastSeen.put(userId, clock.instant());
    }

    public Status status(String userId, ManualStatus manual) {
        if (manual == ManualStatus.DND) {
            return Status.DND;
        }
        if (manual == ManualStatus.OFFLINE) {
            return Status.OFFLINE;
        }
        Instant seen = lastSeen.get(userId);
        Instant now = clock.instant();
        Status fromActivity;
        if (seen == null || seen.isBefore(now.minus(AWAY_WINDOW))) {
            fromActivity = Status.OFFLINE;
        } else if (seen.isBefore(now.minus(ONLINE_WINDOW))) {
            fromActivity = Status.AWAY;
        } else {
            fromActivity = Status.ONLINE;
        }
        return manual == ManualStatus.AWAY && fromActivity == Status.ONLINE ? Status.AWAY : fromActivity;
    }
}
