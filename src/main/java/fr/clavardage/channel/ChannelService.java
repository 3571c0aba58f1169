package fr.clavardage.channel;

import fr.clavardage.host.HostUser;
import fr.clavardage.access.AccessPolicy;
import fr.clavardage.host.HostDirectory;
import fr.clavardage.platform.error.ClavardageException;
import fr.clavardage.platform.persistence.InTransaction;
import fr.clavardage.platform.persistence.Transactions;
import fr.clavardage.platform.security.Actor;
import fr.clavardage.realtime.EventTypes;
import fr.clavardage.realtime.Events;
import fr.clavardage.realtime.Seats;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Channels and who sits in them. Visibility rule, applied everywhere through {@link #visible}: a
 * private channel does not exist for a non-member (404, exactly like a missing one).
 */
@ApplicationScoped
public class ChannelService implements Seats {

    public static final int BROWSE_LIMIT_MAX = 200;

    @Inject
    ChannelRepository channels;
    @Inject
    HostDirectory directory;
    @Inject
    Transactions transactions;
    @Inject
    Events events;
    @Inject
    Clock clock;

    @InTransaction
    public List<ChannelView> myChannels(Actor actor) {
        return channels.channelsOf(actor.userId()).stream()
                .map(seat -> ChannelView.of(seat.channel(), seat.membership())).toList();
    }

    @InTransaction
    public List<ChannelView> browsePublic(Actor actor, String afterName, int limit) {
        if (limit < 1 || limit > BROWSE_LIMIT_MAX) {
            throw ClavardageException.badRequest("invalid_limit", "limit must be between 1 and " + BROWSE_LIMIT_MAX + ".");
        }
        List<Channel> page = channels.publicChannels(afterName, limit);
        Set<Long> joined = new HashSet<>(channels.memberChannelIds(actor.userId(), page.stream().map(Channel::id).toList()));
        return page.stream().map(c -> ChannelView.of(c, joined.contains(c.id()))).toList();
    }

    @InTransaction
    public ChannelView get(Actor actor, long channelId) {
        Channel channel = visible(actor, channelId);
        return ChannelView.of(channel, channels.membership(channelId, actor.userId()).orElse(null));
    }

    @InTransaction
    public ChannelView create(Actor actor, ChannelRequests.Create request) {
        Instant now = clock.instant();
        Channel channel = Channel.create(request.displayName(), request.name(), request.color(),
                ChannelType.parse(request.type()), request.purpose(), actor.userId(), now);
        if (channels.nameSeenBy(channel.name(), actor.userId()) || !channels.add(channel)) {
            throw nameTaken(channel.name());
        }
        Membership creator = Membership.join(channel, actor.userId(), ChannelRole.ADMIN, now);
        channels.add(creator);
        events.toChannel(EventTypes.CHANNEL_CREATED, channel.id(), ChannelView.of(channel, true));
        return ChannelView.of(channel, creator);
    }

    @InTransaction
    public ChannelView update(Actor actor, long channelId, ChannelRequests.Update request) {
        Channel channel = visible(actor, channelId);
        Membership seat = channels.membership(channelId, actor.userId()).orElse(null);
        if (!AccessPolicy.canManage(actor, seatOf(channel, seat))) {
            throw ClavardageException.forbidden("not_channel_admin",
                    "Only the channel's admins and ERP administrators can change this channel.");
        }
        if (request.displayName() != null) {
            channel.rename(request.displayName());
        }
        if (request.name() != null && !request.name().strip().equals(channel.name())) {
            if (channel.isGeneral()) {
                throw ClavardageException.conflict("general_channel_fixed", "The General channel's URL name cannot change.");
            }
            // Checked before the entity changes: the query would otherwise flush the new name and find itself.
            String wanted = Channel.checkedName(request.name());
            if (channels.nameSeenBy(wanted, actor.userId())) {
                throw nameTaken(wanted);
            }
            channel.changeUrlName(wanted);
            if (!channels.flushUnlessPublicNameTaken()) {
                throw nameTaken(wanted);
            }
        }
        if (request.color() != null) {
            channel.recolor(request.color());
        }
        if (request.purpose() != null) {
            channel.changePurpose(request.purpose());
        }
        events.toChannel(EventTypes.CHANNEL_UPDATED, channelId, ChannelView.of(channel, true));
        return ChannelView.of(channel, seat);
    }

    @InTransaction
    public List<MemberView> members(Actor actor, long channelId) {
        requireVisible(actor, channelId);
        return channels.members(channelId).stream().map(MemberView::of).toList();
    }

    /**
     * Joins a public channel (anyone, for themselves) or adds someone else (members only: a private
     * channel's members invite). Adding someone already there changes nothing.
     */
    public MemberView addMember(Actor actor, long channelId, String userId) {
        // The host is asked before the transaction: never wait on the directory while holding a connection.
        HostUser user = existingUser(userId);
        return transactions.inTransaction(() -> addMember(actor, channelId, user));
    }

    private MemberView addMember(Actor actor, long channelId, HostUser user) {
        Channel channel = visible(actor, channelId);
        boolean self = user.id().equals(actor.userId());
        if (!self && !AccessPolicy.canAddOthers(seatOf(channel, channels.membership(channelId, actor.userId()).orElse(null)))) {
            throw ClavardageException.forbidden("not_channel_member", "Join the channel before adding others to it.");
        }
        Optional<Membership> existing = channels.membership(channelId, user.id());
        if (existing.isPresent()) {
            return MemberView.of(existing.get());
        }
        Membership membership = Membership.join(channel, user.id(), ChannelRole.MEMBER, clock.instant());
        channels.add(membership);
        events.toChannel(EventTypes.MEMBER_ADDED, channelId, new MemberAdded(channelId, user.id(), ChannelView.of(channel, true)));
        return MemberView.of(membership);
    }

    /**
     * Leaves (oneself) or removes (channel and ERP admins). Nobody leaves General, and a private
     * channel keeps at least one member: nobody, not even an ERP admin, could see it again. The
     * channel row is locked first, so two last members leaving at once are taken one after the other.
     */
    @InTransaction
    public void removeMember(Actor actor, long channelId, String userId) {
        Channel channel = checkVisible(actor, channels.findForPosting(channelId).orElseThrow(ChannelService::notFound));
        if (channel.isGeneral()) {
            throw ClavardageException.conflict("general_channel_fixed", "Everyone stays in the General channel.");
        }
        if (!AccessPolicy.canRemove(actor, seatOf(channel, channels.membership(channelId, actor.userId()).orElse(null)), userId)) {
            throw ClavardageException.forbidden("not_channel_admin",
                    "Only the channel's admins and ERP administrators can remove members.");
        }
        Membership membership = channels.membership(channelId, userId)
                .orElseThrow(() -> ClavardageException.notFound("member_not_found", "This user is not in the channel."));
        if (channel.type() == ChannelType.PRIVATE && channels.memberCount(channelId) <= 1) {
            throw ClavardageException.conflict("last_member",
                    "The last member cannot leave a private channel: nobody could reach it again.");
        }
        channels.remove(membership);
        MemberRemoved removed = new MemberRemoved(channelId, userId);
        events.toChannel(EventTypes.MEMBER_REMOVED, channelId, removed);
        // The removed user is no longer a member, so the channel's audience no longer includes them.
        events.toUser(EventTypes.MEMBER_REMOVED, userId, channelId, removed);
    }

    /**
     * Makes a member a channel admin ({@code admin}) or a plain member ({@code member}): who may rename
     * the channel may do it. A channel keeps at least one channel admin. The channel's members are told
     * ({@code member.updated}), so the one promoted gets the admin controls and open members panels
     * redraw the row; asking for the role a member already has changes nothing and publishes nothing.
     */
    @InTransaction
    public MemberView changeRole(Actor actor, long channelId, String userId, String role) {
        ChannelRole newRole = parseRole(role);
        Channel channel = checkVisible(actor, channels.findForPosting(channelId).orElseThrow(ChannelService::notFound));
        if (!AccessPolicy.canManage(actor, seatOf(channel, channels.membership(channelId, actor.userId()).orElse(null)))) {
            throw ClavardageException.forbidden("not_channel_admin",
                    "Only the channel's admins and ERP administrators can change roles.");
        }
        Membership membership = channels.membership(channelId, userId)
                .orElseThrow(() -> ClavardageException.notFound("member_not_found", "This user is not in the channel."));
        if (membership.isAdmin() && newRole == ChannelRole.MEMBER && channels.adminCount(channelId) <= 1) {
            throw ClavardageException.conflict("last_channel_admin", "A channel keeps at least one channel admin.");
        }
        if (membership.role() != newRole) {
            membership.changeRole(newRole);
            MemberView changed = MemberView.of(membership);
            events.toChannel(EventTypes.MEMBER_UPDATED, channelId, new MemberUpdated(channelId, changed.userId(), changed.role()));
            return changed;
        }
        return MemberView.of(membership);
    }

    private static ChannelRole parseRole(String role) {
        if ("admin".equalsIgnoreCase(role)) {
            return ChannelRole.ADMIN;
        }
        if ("member".equalsIgnoreCase(role)) {
            return ChannelRole.MEMBER;
        }
        throw ClavardageException.invalid("role", "invalid_role", "The role is admin or member.");
    }

    /** Puts a user in General; called when a user first uses the chat or is addressed there. */
    @InTransaction
    public void joinGeneral(String userId) {
        Channel general = channels.general();
        if (channels.membership(general.id(), userId).isEmpty()) {
            channels.add(Membership.join(general, userId, ChannelRole.MEMBER, clock.instant()));
        }
    }

    /** The channel if this actor may see it, else 404 whether it exists or not. */
    private Channel visible(Actor actor, long channelId) {
        return checkVisible(actor, channels.find(channelId).orElseThrow(ChannelService::notFound));
    }

    /** Passes if this actor may see the channel, else 404 whether it exists or not (no entity loaded). */
    @InTransaction
    public void requireVisible(Actor actor, long channelId) {
        SeatFacts facts = channels.seatFacts(channelId, actor.userId()).orElseThrow(ChannelService::notFound);
        check(facts.seat(), AccessPolicy::canSee);
    }

    /**
     * The channel, row-locked and freshly read, for the actor to post in: they must be a member.
     * Locking first matters: a channel read earlier in the transaction would carry a stale sequence.
     */
    @InTransaction
    public Channel lockForPosting(Actor actor, long channelId) {
        return requireSeat(actor, channels.findForPosting(channelId), AccessPolicy::canPost);
    }

    /** The channel's facts, for a member to act in it (mark as read, say they are typing): 404 if unseen, 403 if not a member. */
    @InTransaction
    public SeatFacts forMember(Actor actor, long channelId) {
        SeatFacts facts = channels.seatFacts(channelId, actor.userId()).orElseThrow(ChannelService::notFound);
        check(facts.seat(), AccessPolicy::canMarkRead);
        return facts;
    }

    /** The channel if the actor sees it (else 404, as if missing) and their seat allows {@code action} (else 403). */
    private Channel requireSeat(Actor actor, Optional<Channel> found, java.util.function.Predicate<AccessPolicy.Seat> action) {
        Channel channel = found.orElseThrow(ChannelService::notFound);
        check(seatOf(channel, channels.membership(channel.id(), actor.userId()).orElse(null)), action);
        return channel;
    }

    /** 404 if the seat does not see the channel, 403 if it sees it but may not do {@code action}. */
    private static void check(AccessPolicy.Seat seat, java.util.function.Predicate<AccessPolicy.Seat> action) {
        if (!AccessPolicy.canSee(seat)) {
            throw notFound();
        }
        if (!action.test(seat)) {
            throw notMember();
        }
    }

    /**
     * Read state lives on the membership: the last post a member has seen, and how many posts
     * addressed them since. Called inside the caller's transaction (a post, a read).
     */
    @InTransaction
    public boolean markViewed(long channelId, String userId, long seq) {
        return channels.markViewed(channelId, userId, seq);
    }

    @InTransaction
    public void addMention(long channelId, Collection<String> userIds) {
        channels.addMention(channelId, userIds);
    }

    /** The ids of the channels each of these users belongs to (an empty set for a user with none). */
    @Override
    @InTransaction
    public Map<String, Set<Long>> channelIdsOf(Collection<String> userIds) {
        Map<String, Set<Long>> seats = new java.util.HashMap<>();
        userIds.forEach(id -> seats.put(id, new HashSet<>()));
        for (Object[] seat : channels.seatsOf(userIds)) {
            seats.get((String) seat[0]).add(((Number) seat[1]).longValue());
        }
        return seats;
    }

    /** Which of these users are members of the channel. */
    @InTransaction
    public Set<String> membersAmong(long channelId, Collection<String> userIds) {
        return new HashSet<>(channels.membersAmong(channelId, userIds));
    }

    private Channel checkVisible(Actor actor, Channel channel) {
        // Only a private channel needs the seat to decide: spare the query for public ones.
        if (channel.type() == ChannelType.PRIVATE
                && !AccessPolicy.canSee(seatOf(channel, channels.membership(channel.id(), actor.userId()).orElse(null)))) {
            throw notFound();
        }
        return channel;
    }

    private static AccessPolicy.Seat seatOf(Channel channel, Membership seat) {
        return AccessPolicy.Seat.of(channel.type() == ChannelType.PRIVATE, channel.isGeneral(), seat != null,
                seat != null && seat.isAdmin());
    }

    private static ClavardageException notMember() {
        return ClavardageException.forbidden("not_channel_member", "Join the channel first.");
    }

    private HostUser existingUser(String userId) {
        if (userId == null || userId.isBlank()) {
            throw ClavardageException.invalid("userId", "user_required", "Say which user to add (userId).");
        }
        HostUser user = directory.activeUser(userId)
                .orElseThrow(() -> ClavardageException.invalid("userId", "unknown_user", "No active ERP user has this id."));
        if (!directory.rights(user.id()).use()) {
            throw ClavardageException.invalid("userId", "user_cannot_chat", "This user has no access to the chat.");
        }
        return user;
    }

    /**
     * Only ever said about a name the caller can see taken (or a public one taken a moment ago): a
     * private channel they are not in never makes their choice fail, so this reveals nothing.
     */
    private static ClavardageException nameTaken(String name) {
        return ClavardageException.conflict("channel_name_taken",
                "A channel named '" + name + "' already exists; choose another URL name.");
    }

    static ClavardageException notFound() {
        return ClavardageException.notFound("channel_not_found", "No such channel.");
    }
}
