package fr.clavardage.realtime;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which channels the users connected to this node belong to, and the reverse, so that delivering a
 * channel's event costs the number of its connected members rather than a query over every connected
 * user. Written only by the dispatcher thread, in log order (docs/realtime.md, "Membership index");
 * the per-user sets are also read by catch-up threads, hence concurrent.
 */
final class MembershipIndex {

    private final Map<String, Set<Long>> channelsByUser = new ConcurrentHashMap<>();
    /** Dispatcher thread only. */
    private final Map<Long, Set<String>> membersByChannel = new HashMap<>();

    boolean isLoaded(String userId) {
        return channelsByUser.containsKey(userId);
    }

    /** Starts following a user, from their memberships as read from the database just now. */
    void load(String userId, Set<Long> channelIds) {
        drop(userId);
        Set<Long> mine = ConcurrentHashMap.newKeySet();
        mine.addAll(channelIds);
        channelsByUser.put(userId, mine);
        for (Long channelId : channelIds) {
            membersByChannel.computeIfAbsent(channelId, id -> new java.util.HashSet<>()).add(userId);
        }
    }

    void drop(String userId) {
        Set<Long> mine = channelsByUser.remove(userId);
        if (mine != null) {
            for (Long channelId : mine) {
                removeFromChannel(channelId, userId);
            }
        }
    }

    /** A membership began; ignored for users this node does not follow. Idempotent. */
    void added(long channelId, String userId) {
        Set<Long> mine = channelsByUser.get(userId);
        if (mine != null) {
            mine.add(channelId);
            membersByChannel.computeIfAbsent(channelId, id -> new java.util.HashSet<>()).add(userId);
        }
    }

    /** A membership ended. Idempotent. */
    void removed(long channelId, String userId) {
        Set<Long> mine = channelsByUser.get(userId);
        if (mine != null) {
            mine.remove(channelId);
            removeFromChannel(channelId, userId);
        }
    }

    private void removeFromChannel(long channelId, String userId) {
        Set<String> members = membersByChannel.get(channelId);
        if (members != null) {
            members.remove(userId);
            if (members.isEmpty()) {
                membersByChannel.remove(channelId);
            }
        }
    }

    /** The followed members of a channel. Dispatcher thread only; do not keep. */
    Set<String> membersOf(long channelId) {
        return membersByChannel.getOrDefault(channelId, Set.of());
    }

    /** The channels of a followed user (a live view), or null when not followed. */
    Set<Long> channelsOf(String userId) {
        return channelsByUser.get(userId);
    }
}
