package fr.clavardage.realtime;

import java.util.Set;

/**
 * The one rule for who may receive a logged or typing event, applied at the moment it is sent, by live
 * delivery ({@link Dispatcher}) and by catch-up from the log ({@link CatchUp}) alike. Kept apart so that
 * it can move into the application's access policy as it is.
 */
final class EventAccess {

    private EventAccess() {
    }

    /** Whether {@code userId}, who belongs to {@code memberOf} now, may receive {@code event}. */
    static boolean mayReceive(ChatEvent event, String userId, Set<Long> memberOf) {
        return switch (event.audience()) {
            case ALL -> true;
            case USER -> userId.equals(event.userId());
            case CHANNEL -> memberOf != null && event.channelId() != null && memberOf.contains(event.channelId());
        };
    }
}
