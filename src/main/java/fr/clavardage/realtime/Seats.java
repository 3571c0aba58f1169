package fr.clavardage.realtime;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Which channels users sit in, as the delivery needs it to know who receives a channel's events.
 * Implemented by the channel feature (which owns memberships), so that realtime depends on no feature.
 */
public interface Seats {

    /** The ids of the channels each of these users belongs to (an empty set for a user with none). */
    Map<String, Set<Long>> channelIdsOf(Collection<String> userIds);
}
