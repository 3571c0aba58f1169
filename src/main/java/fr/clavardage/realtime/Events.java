package fr.clavardage.realtime;

import fr.clavardage.access.Audience;

import com.fasterxml.jackson.core.JsonProcessingException;
import fr.clavardage.platform.persistence.Transactions;
import fr.clavardage.platform.web.JsonMapperProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Publishes events from inside a service's transaction. Nothing leaves before the commit: the event is
 * written to the log as the transaction's last work and streams are woken after it commits, so no
 * client ever sees what a rollback then erases.
 *
 * <p>Log ids must appear in commit order, or a client resuming "after id N" could miss an id that
 * committed late. So the tail of event-writing transactions (append + commit) is serialized: by a lock
 * in this JVM and, on PostgreSQL, by a transaction-scoped advisory lock shared by every node.
 */
@ApplicationScoped
public class Events {

    /** Arbitrary but fixed: the advisory lock every node takes to order event ids. */
    static final long ORDER_LOCK_KEY = 0x636c76L;

    private final ReentrantLock commitOrder = new ReentrantLock();

    @Inject
    Transactions transactions;
    @Inject
    EventLog log;
    @Inject
    Dispatcher dispatcher;
    @Inject
    Cluster cluster;
    @Inject
    PostgresListener listener;
    @Inject
    Clock clock;

    public void toChannel(String type, long channelId, Object payload) {
        publish(type, Audience.CHANNEL, channelId, null, null, payload);
    }

    /** A channel event about one post ({@code post.*}): the log remembers which, see {@link #redactPost}. */
    public void aboutPost(String type, long channelId, long postId, Object payload) {
        publish(type, Audience.CHANNEL, channelId, null, postId, payload);
    }

    public void toUser(String type, String userId, Long channelId, Object payload) {
        publish(type, Audience.USER, channelId, userId, null, payload);
    }

    public void toAll(String type, Object payload) {
        publish(type, Audience.ALL, null, null, null, payload);
    }

    /**
     * The post's text was edited or deleted: its earlier {@code post.created}/{@code post.edited} events
     * get {@code tombstone} as their payload, in this transaction. Call it before publishing the new
     * event, which then keeps its own payload (hooks run in registration order). It runs under the
     * event-order lock, so it also sees an edit of the same post that committed a moment ago.
     */
    public void redactPost(long postId, Object tombstone) {
        String json = json(tombstone);
        transactions.beforeCommit(() -> {
            enterEventOrder();
            log.redactPost(postId, json);
        });
    }

    private void publish(String type, Audience audience, Long channelId, String userId, Long postId, Object payload) {
        String json = json(payload);
        transactions.beforeCommit(() -> {
            enterEventOrder();
            log.append(type, audience, channelId, userId, postId, json, clock.instant());
        });
    }

    /** Once per transaction: flush, then take the locks that make log ids commit in order. */
    private void enterEventOrder() {
        // Pending entity changes are written first: under the lock, only the log's own work may run.
        transactions.flush();
        if (!commitOrder.isHeldByCurrentThread()) {
            commitOrder.lock();
            transactions.afterCompletion(commitOrder::unlock);
            if (cluster.isPostgres()) {
                log.lockEventOrderAndNotifyOnCommit(ORDER_LOCK_KEY, cluster.notifyChannel(), "e");
            }
            transactions.afterCommit(dispatcher::wake);
        }
    }

    /**
     * An event for one user's own streams that is not logged and not resumed, sent once this
     * transaction commits (nothing if it rolls back). For frequent notices whose state the client can
     * read again after a reconnection ({@code channel.viewed}: a member's read marker, possibly a
     * thousand a second in a big company): they stay out of the serialized tail of
     * {@link #enterEventOrder()}, so their transactions commit concurrently. On PostgreSQL it is
     * broadcast to every node, this one included, once the transaction committed
     * ({@link PostgresListener#broadcastSoon}).
     */
    public void liveToUser(String type, String userId, long channelId, Object payload) {
        ChatEvent event = new ChatEvent(0, type, Audience.USER, channelId, userId, json(payload), clock.instant());
        if (cluster.isPostgres()) {
            transactions.afterCommit(() -> listener.broadcastSoon(event));
        } else {
            transactions.afterCommit(() -> dispatcher.deliverEphemeral(event));
        }
    }

    /**
     * An event that is not logged and not resumed (typing): it matters only now. It goes to the
     * channel's members connected to any node: on PostgreSQL through NOTIFY, which brings it back to
     * this node too, so there is one delivery path.
     */
    public void ephemeral(String type, long channelId, Object payload) {
        ChatEvent event = new ChatEvent(0, type, Audience.CHANNEL, channelId, null, json(payload), clock.instant());
        if (cluster.isPostgres()) {
            listener.broadcastSoon(event);
        } else {
            dispatcher.deliverEphemeral(event);
        }
    }

    static String json(Object payload) {
        try {
            return JsonMapperProvider.mapper().writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event payload not serializable", e);
        }
    }
}
