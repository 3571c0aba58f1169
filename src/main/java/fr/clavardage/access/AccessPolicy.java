package fr.clavardage.access;

import fr.clavardage.platform.security.Actor;
import java.util.Set;

/**
 * Who may see and do what, and who receives which event: the chat's access rules, in one place. The
 * services ask it before acting (and turn a refusal into their own error code); the event delivery
 * asks it for every receiver, live or on replay. It decides from facts the caller gathered (the
 * channel's kind, the actor's seat in it), so it needs no database and is tested as a table.
 *
 * <p>The rules: a private channel does not exist for a non-member (not even for an ERP admin); a
 * public channel can be read by every chat user; only members post, mark as read and add others;
 * channel admins and ERP admins manage a channel (General: ERP admins only) and remove members;
 * everyone may leave; authors edit their posts, authors and ERP admins delete them; users edit their
 * own profile, ERP admins anyone's, but only users set their own status.
 */
public final class AccessPolicy {

    private AccessPolicy() {
    }

    /**
     * What the policy needs to know of a channel and of the actor's place in it. {@code member} and
     * {@code channelAdmin} describe the actor's seat (both false without one).
     */
    public record Seat(boolean privateChannel, boolean general, boolean member, boolean channelAdmin) {

        public static Seat of(boolean privateChannel, boolean general, boolean member, boolean channelAdmin) {
            return new Seat(privateChannel, general, member, member && channelAdmin);
        }
    }

    /** Whether the channel exists at all for the actor: refusing this is answered "not found". */
    public static boolean canSee(Seat seat) {
        return !seat.privateChannel() || seat.member();
    }

    public static boolean canPost(Seat seat) {
        return canSee(seat) && seat.member();
    }

    public static boolean canMarkRead(Seat seat) {
        return canPost(seat);
    }

    /** Inviting someone else (joining a public channel oneself only needs {@link #canSee}). */
    public static boolean canAddOthers(Seat seat) {
        return canSee(seat) && seat.member();
    }

    /** Rename, recolor, change the purpose or the URL name. */
    public static boolean canManage(Actor actor, Seat seat) {
        return canSee(seat) && (actor.admin() || (seat.channelAdmin() && !seat.general()));
    }

    /** Remove {@code userId} from the channel: oneself (leaving), or by a channel or ERP admin. */
    public static boolean canRemove(Actor actor, Seat seat, String userId) {
        return canSee(seat) && (actor.userId().equals(userId) || actor.admin() || seat.channelAdmin());
    }

    public static boolean canEditPost(Actor actor, String authorId) {
        return actor.userId().equals(authorId);
    }

    public static boolean canDeletePost(Actor actor, String authorId) {
        return actor.userId().equals(authorId) || actor.admin();
    }

    /** Nickname and avatar. */
    public static boolean canEditProfile(Actor actor, String userId) {
        return actor.userId().equals(userId) || actor.admin();
    }

    public static boolean canSetStatus(Actor actor, String userId) {
        return actor.userId().equals(userId);
    }

    /**
     * Whether {@code userId} receives an event, given the channels they belong to at delivery time: a
     * channel's events go to its members only (a public channel's readers who have not joined get them
     * by reading, not live), a user's events to that user, and events for all to every chat user.
     */
    public static boolean receives(Audience audience, Long channelId, String addressee, String userId,
                                   Set<Long> memberOf) {
        return switch (audience) {
            case ALL -> true;
            case USER -> userId.equals(addressee);
            case CHANNEL -> channelId != null && memberOf.contains(channelId);
        };
    }
}
