package fr.clavardage.channel;

import fr.clavardage.access.AccessPolicy;

/**
 * What the access policy needs to know of a channel and of one user's place in it, with the channel's
 * newest post number: read in one query without loading entities, for the checks made most often
 * (marking read, typing notices, history pages).
 */
public record SeatFacts(long channelId, boolean privateChannel, boolean general, ChannelRole role, long lastPostSeq) {

    public boolean member() {
        return role != null;
    }

    public AccessPolicy.Seat seat() {
        return AccessPolicy.Seat.of(privateChannel, general, member(), role == ChannelRole.ADMIN);
    }
}
