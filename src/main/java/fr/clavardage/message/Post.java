package fr.clavardage.message;

import fr.clavardage.platform.RandomIds;
import fr.clavardage.platform.Text;
import fr.clavardage.platform.error.ClavardageException;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.BatchSize;

/** A message in a channel, numbered by the channel ({@code seq}), optionally addressed to recipients. */
@Entity
@Table(name = "clv_post")
public class Post {

    public static final int MESSAGE_MAX = 16_383;
    public static final int CLIENT_KEY_MAX = 64;

    /** Random, not counted: see {@link RandomIds}. */
    @Id
    private Long id;

    @Column(name = "channel_id")
    private long channelId;

    private long seq;

    @Column(name = "author_id")
    private String authorId;

    private String message;

    @Column(name = "client_key")
    private String clientKey;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "edited_at")
    private Instant editedAt;

    @Column(name = "deleted_at")
    private Instant deletedAt;

    @ElementCollection
    @CollectionTable(name = "clv_post_recipient", joinColumns = @JoinColumn(name = "post_id"))
    @OrderColumn(name = "position")
    @Column(name = "user_id")
    // A page of history loads its recipients in one query, not one per post.
    @BatchSize(size = 200)
    private List<String> recipients = new ArrayList<>();

    protected Post() {
    }

    public static Post write(long channelId, long seq, String authorId, String message, List<String> recipients,
                             String clientKey, Instant now) {
        Post post = new Post();
        post.id = RandomIds.next();
        post.channelId = channelId;
        post.seq = seq;
        post.authorId = authorId;
        post.message = checkedMessage(message);
        post.recipients = new ArrayList<>(recipients);
        post.clientKey = clientKey;
        post.createdAt = now;
        return post;
    }

    public void edit(String newMessage, Instant now) {
        String checked = checkedMessage(newMessage);
        if (!checked.equals(message)) {
            message = checked;
            editedAt = now;
        }
    }

    /** Gone for everyone: the text is erased, only a tombstone row keeps the sequence. */
    public void delete(Instant now) {
        deletedAt = now;
        message = "";
        recipients.clear();
    }

    /**
     * Keeps the text as typed (leading spaces may be Markdown), but refuses text with nothing visible
     * (as empty), control characters, lone surrogates, or more than {@link #MESSAGE_MAX} code points.
     */
    static String checkedMessage(String text) {
        if (text == null || Text.isInvisible(text)) {
            throw ClavardageException.invalid("message", "message_empty", "A message cannot be empty.");
        }
        if (text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            throw ClavardageException.invalid("message", "invalid_characters",
                    "A message cannot contain control characters.");
        }
        if (Text.hasLoneSurrogate(text)) {
            throw ClavardageException.invalid("message", "invalid_characters",
                    "A message must be valid Unicode text (it holds a lone surrogate).");
        }
        String trimmed = text.stripTrailing();
        if (Text.length(trimmed) > MESSAGE_MAX) {
            throw ClavardageException.invalid("message", "message_too_long",
                    "A message holds at most " + MESSAGE_MAX + " characters.");
        }
        return trimmed;
    }

    public boolean isDeleted() {
        return deletedAt != null;
    }

    public Long id() {
        return id;
    }

    public long channelId() {
        return channelId;
    }

    public long seq() {
        return seq;
    }

    public String authorId() {
        return authorId;
    }

    public String message() {
        return message;
    }

    public String clientKey() {
        return clientKey;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant editedAt() {
        return editedAt;
    }

    public List<String> recipients() {
        return List.copyOf(recipients);
    }
}
