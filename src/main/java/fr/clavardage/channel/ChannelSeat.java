package fr.clavardage.channel;

/** A channel seen from one member's seat. */
public record ChannelSeat(Channel channel, Membership membership) {
}
