package fr.clavardage.channel;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * A user's seat in a channel, with what they have read of it: the channel is unread for them while its
 * last post sequence is beyond {@code lastViewedSeq}.
 */
@Entity
@Table(name = "clv_membership")
@IdClass(Membership.Key.class)
public class Membership {

    @Id
    @Column(name = "channel_id")
    private Long channelId;

    @Id
    @Column(name = "user_id")
    private String userId;

    @Enumerated(EnumType.STRING)
    private ChannelRole role;

    @Column(name = "last_viewed_seq")
    private long lastViewedSeq;

    @Column(name = "mention_count")
    private int mentionCount;

    @Column(name = "joined_at")
    private Instant joinedAt;

    protected Membership() {
    }

    /** A new member has nothing unread: history before they joined is not news to them. */
    public static Membership join(Channel channel, String userId, ChannelRole role, Instant now) {
        Membership membership = new Membership();
        membership.channelId = channel.id();
        membership.userId = userId;
        membership.role = role;
        membership.lastViewedSeq = channel.lastPostSeq();
        membership.joinedAt = now;
        return membership;
    }

    public boolean isAdmin() {
        return role == ChannelRole.ADMIN;
    }

    /** Promotes to channel admin or back to member (the service checks who may, and that an admin remains). */
    public void changeRole(ChannelRole newRole) {
        this.role = newRole;
    }

    public Long channelId() {
        return channelId;
    }

    public String userId() {
        return userId;
    }

    public ChannelRole role() {
        return role;
    }

    public long lastViewedSeq() {
        return lastViewedSeq;
    }

    public int mentionCount() {
        return mentionCount;
    }

    public Instant joinedAt() {
        return joinedAt;
    }

    public static class Key implements Serializable {
        private Long channelId;
        private String userId;

        public Key() {
        }

        public Key(Long channelId, String userId) {
            this.channelId = channelId;
            this.userId = userId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(channelId, k.channelId) && Objects.equals(userId, k.userId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(channelId, userId);
        }
    }
}
