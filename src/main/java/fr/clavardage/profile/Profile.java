package fr.clavardage.profile;

import fr.clavardage.presence.ManualStatus;

import fr.clavardage.platform.Text;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** What the chat adds to a host user: a nickname, an avatar, a chosen status. */
@Entity
@Table(name = "clv_profile")
public class Profile {

    public static final int NICKNAME_MAX = 64;

    @Id
    @Column(name = "user_id")
    private String userId;

    private String nickname;

    @Enumerated(EnumType.STRING)
    @Column(name = "manual_status")
    private ManualStatus manualStatus;

    @Enumerated(EnumType.STRING)
    @Column(name = "reading_order")
    private ReadingOrder readingOrder = ReadingOrder.NEWEST_BOTTOM;

    /** Bumped on every avatar change so that clients can cache avatar URLs forever. */
    @Column(name = "avatar_version")
    private int avatarVersion;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected Profile() {
    }

    public static Profile newFor(String userId, Instant now) {
        Profile profile = new Profile();
        profile.userId = userId;
        profile.createdAt = now;
        profile.updatedAt = now;
        return profile;
    }

    /** Sets the nickname; a blank one clears it, and the host's full name shows instead. */
    public void changeNickname(String requested, Instant now) {
        this.nickname = Text.optionalLine(requested, NICKNAME_MAX, "nickname", "invalid_nickname", "A nickname");
        this.updatedAt = now;
    }

    public void setManualStatus(ManualStatus status, Instant now) {
        this.manualStatus = status;
        this.updatedAt = now;
    }

    public void chooseReadingOrder(ReadingOrder order, Instant now) {
        this.readingOrder = order;
        this.updatedAt = now;
    }

    public void avatarChanged(Instant now) {
        this.avatarVersion++;
        this.updatedAt = now;
    }

    public String userId() {
        return userId;
    }

    public String nickname() {
        return nickname;
    }

    public ManualStatus manualStatus() {
        return manualStatus;
    }

    public ReadingOrder readingOrder() {
        return readingOrder;
    }

    public int avatarVersion() {
        return avatarVersion;
    }
}
