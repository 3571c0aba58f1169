package fr.clavardage.profile;

import fr.clavardage.presence.ManualStatus;

import fr.clavardage.access.AccessPolicy;
import fr.clavardage.channel.ChannelService;
import fr.clavardage.host.HostDirectory;
import fr.clavardage.host.HostUser;
import fr.clavardage.platform.error.ClavardageException;
import fr.clavardage.platform.persistence.InTransaction;
import fr.clavardage.platform.persistence.Transactions;
import fr.clavardage.platform.security.Actor;
import fr.clavardage.presence.PresenceService;
import fr.clavardage.presence.Status;
import fr.clavardage.realtime.EventTypes;
import fr.clavardage.realtime.Events;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;

/**
 * Users as the chat shows them: the host's directory joined with the chat's profiles and presence.
 * The host is asked first, outside any transaction (see {@link HostDirectory}); each method then does
 * its database work in one transaction.
 */
@ApplicationScoped
public class ProfileService {

    @Inject
    ProfileRepository profiles;
    @Inject
    HostDirectory directory;
    @Inject
    UserColumn column;
    @Inject
    PresenceService presence;
    @Inject
    ChannelService channels;
    @Inject
    Events events;
    @Inject
    Transactions transactions;
    @Inject
    Clock clock;

    /** Picture bytes with their type, for the avatar endpoint. */
    public record Picture(String contentType, byte[] bytes, boolean custom) {
    }

    public UserPage users(Actor actor, UserColumn.Query query, String avatarBase) {
        return column.page(actor.userId(), query, avatarBase);
    }

    public UserView user(Actor actor, String userId, String avatarBase) {
        HostUser user = hostUser(userId);
        boolean canChat = directory.rights(userId).use();
        return transactions.inTransaction(() -> view(actor, user, profiles.find(userId).orElse(null), avatarBase, canChat));
    }

    /** The signed-in user as the chat page starts from: who they are, what they may do, how they read. */
    public SessionView session(Actor actor, String avatarBase) {
        HostUser user = hostUser(actor.userId());
        return transactions.inTransaction(() -> sessionOf(actor, user, profileOf(actor.userId()), avatarBase));
    }

    public SessionView choosePreferences(Actor actor, ProfileRequests.Preferences preferences, String avatarBase) {
        HostUser user = hostUser(actor.userId());
        return transactions.inTransaction(() -> {
            Profile profile = profileOf(actor.userId());
            if (preferences.readingOrder() != null) {
                profile.chooseReadingOrder(ReadingOrder.parse(preferences.readingOrder()), clock.instant());
            }
            return sessionOf(actor, user, profile, avatarBase);
        });
    }

    public UserView update(Actor actor, String userId, ProfileRequests.Update request, String avatarBase) {
        HostUser user = hostUser(userId);
        requireEditable(actor, userId);
        boolean canChat = directory.rights(userId).use();
        UserView view = transactions.inTransaction(() -> applyUpdate(actor, user, request, avatarBase, canChat));
        column.profileChanged();
        return view;
    }

    public UserView replaceAvatar(Actor actor, String userId, InputStream upload, String contentType,
                                  String avatarBase) {
        HostUser user = hostUser(userId);
        requireEditable(actor, userId);
        boolean canChat = directory.rights(userId).use();
        // Decoded and resized before the transaction: image work holds no connection.
        byte[] png = AvatarImages.toAvatarPng(upload, contentType);
        UserView view = transactions.inTransaction(() -> {
            Profile profile = profileOf(userId);
            Instant now = clock.instant();
            profiles.avatar(userId).ifPresentOrElse(
                    avatar -> avatar.replace("image/png", png, now),
                    () -> profiles.add(new Avatar(userId, "image/png", png, now)));
            profile.avatarChanged(now);
            UserView changed = view(actor, user, profile, avatarBase, canChat);
            events.toAll(EventTypes.PROFILE_CHANGED, ProfileChanged.of(changed));
            return changed;
        });
        column.profileChanged();
        return view;
    }

    public UserView removeAvatar(Actor actor, String userId, String avatarBase) {
        HostUser user = hostUser(userId);
        requireEditable(actor, userId);
        boolean canChat = directory.rights(userId).use();
        UserView view = transactions.inTransaction(() -> {
            Profile profile = profileOf(userId);
            profiles.avatar(userId).ifPresent(profiles::remove);
            profile.avatarChanged(clock.instant());
            UserView changed = view(actor, user, profile, avatarBase, canChat);
            events.toAll(EventTypes.PROFILE_CHANGED, ProfileChanged.of(changed));
            return changed;
        });
        column.profileChanged();
        return view;
    }

    public Picture avatar(String userId) {
        HostUser user = hostUser(userId);
        return transactions.inTransaction(() -> profiles.avatar(userId)
                .map(a -> new Picture(a.contentType(), a.image(), true))
                .orElseGet(() -> new Picture("image/svg+xml", DefaultAvatar.svg(userId, user.fullName()), false)));
    }

    @InTransaction
    public void createIfMissing(String userId) {
        if (profiles.find(userId).isEmpty()) {
            profiles.add(Profile.newFor(userId, clock.instant()));
        }
        channels.joinGeneral(userId);
    }

    @InTransaction
    public boolean exists(String userId) {
        return profiles.find(userId).isPresent();
    }

    private UserView applyUpdate(Actor actor, HostUser user, ProfileRequests.Update request, String avatarBase,
                                 boolean canChat) {
        String userId = user.id();
        Profile profile = profileOf(userId);
        Instant now = clock.instant();
        Status status = presence.status(userId);
        if (request.nickname() != null) {
            profile.changeNickname(request.nickname(), now);
        }
        if (request.status() != null) {
            if (!AccessPolicy.canSetStatus(actor, userId)) {
                throw ClavardageException.forbidden("profile_not_editable", "Only users set their own status.");
            }
            profile.setManualStatus(parseStatus(request.status()), now);
            // Flushed first: the presence check reads the manual status back from the database.
            profiles.flush();
            status = presence.recheck(userId);
        }
        UserView changed = view(actor, user, profile, avatarBase, canChat, status);
        events.toAll(EventTypes.PROFILE_CHANGED, ProfileChanged.of(changed));
        return changed;
    }

    private SessionView sessionOf(Actor actor, HostUser user, Profile profile, String avatarBase) {
        return new SessionView(view(actor, user, profile, avatarBase, true), actor.admin(), profile.readingOrder().json());
    }

    private Profile profileOf(String userId) {
        return profiles.find(userId).orElseGet(() -> {
            Profile created = Profile.newFor(userId, clock.instant());
            profiles.add(created);
            return created;
        });
    }

    private HostUser hostUser(String userId) {
        return directory.activeUser(userId)
                .orElseThrow(() -> ClavardageException.notFound("user_not_found", "No such user."));
    }

    private static void requireEditable(Actor actor, String userId) {
        if (!AccessPolicy.canEditProfile(actor, userId)) {
            throw ClavardageException.forbidden("profile_not_editable",
                    "Only the user themselves or an ERP administrator can change this profile.");
        }
    }

    private static ManualStatus parseStatus(String status) {
        return switch (status.strip().toLowerCase(Locale.ROOT)) {
            case "online", "" -> null;
            case "away" -> ManualStatus.AWAY;
            case "dnd" -> ManualStatus.DND;
            case "offline" -> ManualStatus.OFFLINE;
            default -> throw ClavardageException.invalid("status", "invalid_status",
                    "A status is 'online', 'away', 'dnd' or 'offline'.");
        };
    }

    private UserView view(Actor actor, HostUser user, Profile profile, String avatarBase, boolean canChat) {
        return view(actor, user, profile, avatarBase, canChat, presence.status(user.id()));
    }

    private UserView view(Actor actor, HostUser user, Profile profile, String avatarBase, boolean canChat, Status status) {
        ProfileSummary summary = profile == null ? ProfileSummary.NONE
                : new ProfileSummary(user.id(), profile.nickname(), profile.manualStatus(), profile.avatarVersion());
        String nickname = summary.nickname();
        UserColumn.Entry entry = new UserColumn.Entry(user, summary, status,
                nickname != null ? nickname : user.fullName(), null, null, canChat);
        return column.view(entry, actor.userId(), avatarBase);
    }
}
