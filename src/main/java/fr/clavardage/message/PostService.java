package fr.clavardage.message;

import fr.clavardage.access.AccessPolicy;
import fr.clavardage.channel.Channel;
import fr.clavardage.channel.ChannelService;
import fr.clavardage.host.HostUser;
import fr.clavardage.host.HostDirectory;
import fr.clavardage.platform.Text;
import fr.clavardage.platform.error.ClavardageException;
import fr.clavardage.platform.persistence.InTransaction;
import fr.clavardage.platform.persistence.Transactions;
import fr.clavardage.platform.security.Actor;
import fr.clavardage.realtime.EventTypes;
import fr.clavardage.realtime.Events;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

@ApplicationScoped
public class PostService {

    public static final int PAGE_LIMIT_MAX = 200;
    public static final int RECIPIENTS_MAX = 50;

    @Inject
    PostRepository posts;
    @Inject
    ChannelService channels;
    @Inject
    HostDirectory directory;
    @Inject
    Transactions transactions;
    @Inject
    Events events;
    @Inject
    Clock clock;

    /** What a send produced: the post, and whether it was already there from an earlier try. */
    public record Sent(PostView post, boolean replayed) {
    }

    /**
     * Writes a post. With a client key, a retry of the same send (say after a lost answer) returns the
     * first post: the key is looked up under the channel's lock, so two racing tries cannot both write.
     */
    public Sent create(Actor actor, long channelId, PostRequests.Create request) {
        Post.checkedMessage(request.message());
        String clientKey = checkedClientKey(request.clientKey());
        // Recipients are looked up in the host's directory in one go, before the transaction and so
        // before the channel's row lock: nothing waits on the host while holding either.
        Set<String> addressable = addressableRecipients(request.recipients());
        return transactions.inTransaction(() -> create(actor, channelId, request.message(), addressable, clientKey));
    }

    private Sent create(Actor actor, long channelId, String message, Set<String> addressable, String clientKey) {
        Channel channel = channels.lockForPosting(actor, channelId);
        if (clientKey != null) {
            Optional<Post> earlier = posts.findByClientKey(actor.userId(), clientKey);
            if (earlier.isPresent()) {
                if (earlier.get().channelId() != channelId || earlier.get().isDeleted()) {
                    throw ClavardageException.conflict("client_key_reused",
                            "This client key was already used for another message (elsewhere, or since deleted).");
                }
                return new Sent(PostView.of(earlier.get()), true);
            }
        }
        List<String> recipients = recipientsIn(channel, addressable);
        Instant now = clock.instant();
        Post post = Post.write(channelId, channel.nextPostSeq(now), actor.userId(), message, recipients,
                clientKey, now);
        posts.add(post);
        channels.markViewed(channelId, actor.userId(), post.seq());
        List<String> mentioned = recipients.stream().filter(id -> !id.equals(actor.userId())).toList();
        channels.addMention(channelId, mentioned);
        PostView view = PostView.of(post);
        events.aboutPost(EventTypes.POST_CREATED, channelId, post.id(), view);
        return new Sent(view, false);
    }

    @InTransaction
    public PostPage page(Actor actor, long channelId, Long before, int limit) {
        if (limit < 1 || limit > PAGE_LIMIT_MAX) {
            throw ClavardageException.badRequest("invalid_limit", "limit must be between 1 and " + PAGE_LIMIT_MAX + ".");
        }
        if (before != null && before < 1) {
            throw ClavardageException.badRequest("invalid_before", "before must be a post sequence (1 or more).");
        }
        channels.requireVisible(actor, channelId);
        List<Post> found = posts.page(channelId, before == null ? Long.MAX_VALUE : before, limit + 1);
        boolean more = found.size() > limit;
        List<Post> page = more ? found.subList(0, limit) : found;
        return new PostPage(page.stream().map(PostView::of).toList(), more ? page.get(limit - 1).seq() : null);
    }

    @InTransaction
    public PostView get(Actor actor, long postId) {
        return PostView.of(visiblePost(actor, postId));
    }

    @InTransaction
    public PostView edit(Actor actor, long postId, PostRequests.Edit request) {
        Post post = visiblePost(actor, postId);
        if (!AccessPolicy.canEditPost(actor, post.authorId())) {
            throw ClavardageException.forbidden("not_post_author", "Only its author can edit a message.");
        }
        post.edit(request.message(), clock.instant());
        PostView view = PostView.of(post);
        // Only the newest version stays readable in the log.
        events.redactPost(post.id(), RedactedPost.of(post));
        events.aboutPost(EventTypes.POST_EDITED, post.channelId(), post.id(), view);
        return view;
    }

    @InTransaction
    public void delete(Actor actor, long postId) {
        Post post = visiblePost(actor, postId);
        if (!AccessPolicy.canDeletePost(actor, post.authorId())) {
            throw ClavardageException.forbidden("not_post_author",
                    "Only its author or an ERP administrator can delete a message.");
        }
        post.delete(clock.instant());
        // A resuming client must not be replayed the text that its author deleted.
        events.redactPost(post.id(), RedactedPost.of(post));
        events.aboutPost(EventTypes.POST_DELETED, post.channelId(), post.id(),
                new PostDeleted(post.id(), post.channelId(), post.seq()));
    }

    private Post visiblePost(Actor actor, long postId) {
        Post post = posts.find(postId).filter(p -> !p.isDeleted())
                .orElseThrow(() -> ClavardageException.notFound("post_not_found", "No such message."));
        try {
            channels.requireVisible(actor, post.channelId());
        } catch (ClavardageException e) {
            throw ClavardageException.notFound("post_not_found", "No such message.");
        }
        return post;
    }

    /**
     * Recipients are host users who may use the chat: addressing someone who can never read the message
     * would promise a delivery that never happens. Checked against the host's directory (one batch of
     * cached lookups) before any transaction.
     */
    private Set<String> addressableRecipients(List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            return Set.of();
        }
        Set<String> unique = new LinkedHashSet<>();
        for (String id : requested) {
            if (id == null || id.isBlank() || id.chars().anyMatch(Character::isISOControl) || Text.hasLoneSurrogate(id)) {
                throw ClavardageException.invalid("recipients", "unknown_recipient", "A recipient id is empty.");
            }
            unique.add(id.strip());
        }
        if (unique.size() > RECIPIENTS_MAX) {
            throw ClavardageException.invalid("recipients", "too_many_recipients",
                    "A message can address at most " + RECIPIENTS_MAX + " people.");
        }
        Map<String, HostUser> known = directory.activeUsers(unique);
        Map<String, HostDirectory.Rights> rights = directory.rights(known.keySet());
        for (String id : unique) {
            if (!known.containsKey(id) || !rights.get(id).use()) {
                throw ClavardageException.invalid("recipients", "unknown_recipient",
                        "No ERP user with access to the chat has the id '" + id + "'.");
            }
        }
        return unique;
    }

    /**
     * Recipients must read the channel. Everyone is in General, so addressing a user there seats them
     * if they never opened the chat yet.
     */
    private List<String> recipientsIn(Channel channel, Set<String> addressable) {
        if (addressable.isEmpty()) {
            return List.of();
        }
        if (channel.isGeneral()) {
            addressable.forEach(channels::joinGeneral);
        }
        Set<String> members = channels.membersAmong(channel.id(), addressable);
        List<String> outsiders = addressable.stream().filter(id -> !members.contains(id)).toList();
        if (!outsiders.isEmpty()) {
            throw ClavardageException.invalid("recipients", "recipient_not_member",
                    "Not in this channel, so cannot be addressed here: " + String.join(", ", outsiders) + ".");
        }
        return new ArrayList<>(addressable);
    }

    private static String checkedClientKey(String key) {
        if (key == null) {
            return null;
        }
        if (key.isBlank() || Text.length(key) > Post.CLIENT_KEY_MAX || key.chars().anyMatch(Character::isISOControl)
                || Text.hasLoneSurrogate(key)) {
            throw ClavardageException.invalid("clientKey", "invalid_client_key",
                    "A client key is 1 to " + Post.CLIENT_KEY_MAX + " printable characters.");
        }
        return key;
    }
}
