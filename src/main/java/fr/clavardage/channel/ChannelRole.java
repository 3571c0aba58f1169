package fr.clavardage.channel;

public enum ChannelRole {
    MEMBER,
    /** May rename, recolor and remove members; the creator is one. */
    ADMIN
}
