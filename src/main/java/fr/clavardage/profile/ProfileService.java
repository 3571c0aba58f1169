package fr.clavardage.profile;

import fr.clavardage.channel.ChannelService;
import fr.clavardage.host.HostUser;
import fr.clavardage.host.UserDirectory;
import fr.clavardage.platform.error.ClavardageException;
import fr.clavardage.platform.persistence.InTransaction;
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
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Users as the chat shows them: the host's directory joined with the chat's profiles and presence. */
@ApplicationScoped
public class ProfileService {

    @Inject
    ProfileRepository profiles;
    @Inject
    UserDirectory directory;
    @Inject
    PresenceService presence;
    @Inject
    ChannelService channels;
    @Inject
    Events events;
    @Inject
    Clock clock;

    /** Picture bytes with their type, for the avatar endpoint. */
    public record Picture(String contentType, byte[] bytes, boolean custom) {
    }

    /** Every active ERP user: online first, then away, busy, offline; by name within each. */
    @InTransaction
    public List<UserView> users(Actor actor, String avatarBase) {
        Map<String, Profile> byUser = profiles.all().stream()
                .collect(Collectors.toMap(Profile::userId, Function.identity()));
        Map<String, Status> statuses = presence.statuses(profiles.manualStatuses());
        return directory.allUsers().stream()
                .filter(HostUser::active)
                .map(user -> view(actor, user, byUser.get(user.id()), avatarBase, statuses))
                .sorted(Comparator.comparing((UserView u) -> Status.valueOf(u.status().toUpperCase(Locale.ROOT)))
                        .thenComparing(u -> u.displayName().toLowerCase(Locale.ROOT)))
                .toList();
    }

    @InTransaction
    public UserView user(Actor actor, String userId, String avatarBase) {
        HostUser user = hostUser(userId);
        return view(actor, user, profiles.find(userId).orElse(null), avatarBase);
    }

    /** The signed-in user as the chat page starts from: who they are, what they may do, how they read. */
    @InTransaction
    public SessionView session(Actor actor, String avatarBase) {
        HostUser user = hostUser(actor.userId());
        Profile profile = profileOf(actor.userId());
        return new SessionView(view(actor, user, profile, avatarBase), actor.admin(), profile.readingOrder().json());
    }

    @InTransaction
    public SessionView choosePreferences(Actor actor, ProfileRequests.Preferences preferences, String avatarBase) {
        Profile profile = profileOf(actor.userId());
        if (preferences.readingOrder() != null) {
            profile.chooseReadingOrder(ReadingOrder.parse(preferences.readingOrder()), clock.instant());
        }
        return session(actor, avatarBase);
    }

    @InTransaction
    public UserView update(Actor actor, String userId, ProfileRequests.Update request, String avatarBase) {
        HostUser user = hostUser(userId);
        requireEditable(actor, userId);
        Profile profile = profileOf(userId);
        Instant now = clock.instant();
        if (request.nickname() != null) {
            profile.changeNickname(request.nickname(), now);
        }
        if (request.status() != null) {
            if (!actor.userId().equals(userId)) {
                throw ClavardageException.forbidden("profile_not_editable", "Only users set their own status.");
            }
            profile.setManualStatus(parseStatus(request.status()), now);
            presence.recheck(userId);
        }
        UserView view = view(actor, user, profile, avatarBase);
        events.toAll(EventTypes.PROFILE_CHANGED, Map.of("userId", userId));
        return view;
    }

    @InTransaction
    public UserView replaceAvatar(Actor actor, String userId, InputStream upload, String contentType,
                                  String avatarBase) {
        HostUser user = hostUser(userId);
        requireEditable(actor, userId);
        byte[] png = AvatarImages.toAvatarPng(upload, contentType);
        Profile profile = profileOf(userId);
        Instant now = clock.instant();
        profiles.avatar(userId).ifPresentOrElse(
                avatar -> avatar.replace("image/png", png, now),
                () -> profiles.add(new Avatar(userId, "image/png", png, now)));
        profile.avatarChanged(now);
        events.toAll(EventTypes.PROFILE_CHANGED, Map.of("userId", userId));
        return view(actor, user, profile, avatarBase);
    }

    @InTransaction
    public UserView removeAvatar(Actor actor, String userId, String avatarBase) {
        HostUser user = hostUser(userId);
        requireEditable(actor, userId);
        Profile profile = profileOf(userId);
        profiles.avatar(userId).ifPresent(profiles::remove);
        profile.avatarChanged(clock.instant());
        events.toAll(EventTypes.PROFILE_CHANGED, Map.of("userId", userId));
        return view(actor, user, profile, avatarBase);
    }

    @InTransaction
    public Picture avatar(String userId) {
        HostUser user = hostUser(userId);
        return profiles.avatar(userId)
                .map(a -> new Picture(a.contentType(), a.image(), true))
                .orElseGet(() -> new Picture("image/svg+xml", DefaultAvatar.svg(userId, user.fullName()), false));
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

    private Profile profileOf(String userId) {
        return profiles.find(userId).orElseGet(() -> {
            Profile created = Profile.newFor(userId, clock.instant());
            profiles.add(created);
            return created;
        });
    }

    private HostUser hostUser(String userId) {
        return directory.find(userId).filter(HostUser::active)
                .orElseThrow(() -> ClavardageException.notFound("user_not_found", "No such user."));
    }

    private static void requireEditable(Actor actor, String userId) {
        if (!actor.userId().equals(userId) && !actor.admin()) {
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

    private UserView view(Actor actor, HostUser user, Profile profile, String avatarBase) {
        ManualStatus manual = profile == null ? null : profile.manualStatus();
        Map<String, ManualStatus> manuals = manual == null ? Map.of() : Map.of(user.id(), manual);
        return view(actor, user, profile, avatarBase, presence.statuses(manuals));
    }

    private UserView view(Actor actor, HostUser user, Profile profile, String avatarBase, Map<String, Status> statuses) {
        String nickname = profile == null ? null : profile.nickname();
        ManualStatus manual = profile == null ? null : profile.manualStatus();
        int avatarVersion = profile == null ? 0 : profile.avatarVersion();
        String avatarUrl = avatarBase + encode(user.id()) + "/avatar?v=" + avatarVersion;
        return new UserView(user.id(), user.login(), user.fullName(), nickname,
                nickname != null ? nickname : user.fullName(), avatarUrl,
                statuses.getOrDefault(user.id(), Status.OFFLINE).json(),
                manual == null ? null : manual.name().toLowerCase(Locale.ROOT),
                user.id().equals(actor.userId()));
    }

    private static String encode(String id) {
        return java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
