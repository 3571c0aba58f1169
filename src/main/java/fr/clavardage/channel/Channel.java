package fr.clavardage.channel;

import fr.clavardage.platform.RandomIds;
import fr.clavardage.platform.Text;
import fr.clavardage.platform.error.ClavardageException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.text.Normalizer;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;
import org.hibernate.annotations.DynamicUpdate;

/**
 * A conversation place with a name and a color. It numbers its own posts: {@link #nextPostSeq} is
 * called under a row lock, so sequences are gap-free per channel and unread state is a comparison.
 */
@Entity
@Table(name = "clv_channel")
// Renames must never write back a stale last_post_seq that a concurrent post just moved on.
@DynamicUpdate
public class Channel {

    public static final int DISPLAY_NAME_MAX = 64;
    public static final int PURPOSE_MAX = 250;
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern COLOR = Pattern.compile("#[0-9A-Fa-f]{6}");
    /** Colors given to channels created without one, chosen to stay readable on light and dark. */
    static final String[] PALETTE = {"#2F80ED", "#27AE60", "#EB5757", "#F2994A", "#9B51E0", "#00A3A3", "#D6338A", "#8D6E63"};

    /** Random, not counted: see {@link RandomIds}. */
    @Id
    private Long id;

    private String name;

    /** The URL name while the channel is public, else null: unique among public channels only. */
    @Column(name = "public_name")
    private String publicName;

    @Column(name = "display_name")
    private String displayName;

    private String color;

    @Enumerated(EnumType.STRING)
    private ChannelType type;

    private String purpose;

    @Column(name = "is_general")
    private boolean general;

    @Column(name = "created_by")
    private String createdBy;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "last_post_seq")
    private long lastPostSeq;

    @Column(name = "last_post_at")
    private Instant lastPostAt;

    protected Channel() {
    }

    public static Channel create(String displayName, String name, String color, ChannelType type, String purpose,
                                 String creator, Instant now) {
        Channel channel = new Channel();
        channel.id = RandomIds.next();
        channel.displayName = Text.requireLine(displayName, DISPLAY_NAME_MAX, "displayName",
                "invalid_display_name", "A channel's display name");
        channel.name = name == null || name.isBlank() ? slug(channel.displayName) : checkedName(name);
        channel.color = color == null || color.isBlank() ? defaultColor(channel.name) : checkedColor(color);
        channel.type = type;
        channel.publicName = channel.publicName();
        channel.purpose = Text.optionalLine(purpose, PURPOSE_MAX, "purpose", "invalid_purpose", "A purpose");
        channel.createdBy = creator;
        channel.createdAt = now;
        return channel;
    }

    public void rename(String newDisplayName) {
        displayName = Text.requireLine(newDisplayName, DISPLAY_NAME_MAX, "displayName",
                "invalid_display_name", "A channel's display name");
    }

    public void changeUrlName(String newName) {
        if (general) {
            throw ClavardageException.conflict("general_channel_fixed", "The General channel's URL name cannot change.");
        }
        name = checkedName(newName);
        publicName = publicName();
    }

    private String publicName() {
        return type == ChannelType.PUBLIC ? name : null;
    }

    public void recolor(String newColor) {
        color = checkedColor(newColor);
    }

    public void changePurpose(String newPurpose) {
        purpose = Text.optionalLine(newPurpose, PURPOSE_MAX, "purpose", "invalid_purpose", "A purpose");
    }

    /** Allocates the next post number; the caller holds this row's write lock. */
    public long nextPostSeq(Instant now) {
        lastPostSeq++;
        lastPostAt = now;
        return lastPostSeq;
    }

    static String checkedName(String value) {
        String name = value.strip();
        if (!NAME.matcher(name).matches()) {
            throw ClavardageException.invalid("name", "invalid_channel_name",
                    "A channel's URL name is 1 to 64 lowercase letters, digits, '.', '-' or '_', starting with a letter or digit.");
        }
        return name;
    }

    static String checkedColor(String value) {
        String color = value.strip();
        if (!COLOR.matcher(color).matches()) {
            throw ClavardageException.invalid("color", "invalid_color", "A color is written #RRGGBB, for example #2F80ED.");
        }
        return color.toUpperCase(Locale.ROOT);
    }

    /** "Machine à café" becomes "machine-a-cafe". */
    static String slug(String displayName) {
        String ascii = Normalizer.normalize(displayName, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-")
                .replaceAll("^[-._]+|[-._]+$", "");
        if (slug.length() > 64) {
            slug = slug.substring(0, 64).replaceAll("[-._]+$", "");
        }
        if (slug.isEmpty()) {
            throw ClavardageException.invalid("name", "invalid_channel_name",
                    "Choose a URL name: none can be made from this display name.");
        }
        return slug;
    }

    static String defaultColor(String name) {
        return PALETTE[Math.floorMod(name.hashCode(), PALETTE.length)];
    }

    public Long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String displayName() {
        return displayName;
    }

    public String color() {
        return color;
    }

    public ChannelType type() {
        return type;
    }

    public String purpose() {
        return purpose;
    }

    public boolean isGeneral() {
        return general;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public long lastPostSeq() {
        return lastPostSeq;
    }

    public Instant lastPostAt() {
        return lastPostAt;
    }
}
