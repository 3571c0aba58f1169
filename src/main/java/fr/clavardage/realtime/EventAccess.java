package fr.clavardage.realtime;

import fr.clavardage.access.AccessPolicy;
import java.util.Set;

/**
 * Who may receive a logged or typing event, applied at the moment it is sent, by live delivery
 * ({@link Dispatcher}) and by catch-up from the log ({@link CatchUp}) alike: the access policy's rule,
 * the same one the services follow.
 */
final class EventAccess {

    private EventAccess() {
    }

    /** Whether {@code userId}, who belongs to {@code memberOf} now, may receive {@code event}. */
    static boolean mayReceive(ChatEvent event, String userId, Set<Long> memberOf) {
        return AccessPolicy.receives(event.audience(), event.channelId(), event.userId(), userId,
                memberOf == null ? Set.of() : memberOf);
    }
}
