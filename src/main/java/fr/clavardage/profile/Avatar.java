package fr.clavardage.profile;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A user's avatar picture, already resized; stored apart from the profile row. */
@Entity
@Table(name = "clv_avatar")
public class Avatar {

    @Id
    @Column(name = "user_id")
    private String userId;

    @Column(name = "content_type")
    private String contentType;

    @Column(name = "image")
    private byte[] image;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected Avatar() {
    }

    public Avatar(String userId, String contentType, byte[] image, Instant now) {
        this.userId = userId;
        replace(contentType, image, now);
    }

    public void replace(String contentType, byte[] image, Instant now) {
        this.contentType = contentType;
        this.image = image.clone();
        this.updatedAt = now;
    }

    public String contentType() {
        return contentType;
    }

    public byte[] image() {
        return image.clone();
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
