package fr.clavardage.load;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Which posts were acknowledged and who received them, to measure delivery latency and to find lost
 * and duplicated posts.
 *
 * <p>A post is expected on the stream of every member who had joined (join acknowledged) and whose
 * stream had said hello before the post was sent: the server must deliver it to them, live or by
 * replay after a reconnection. Who is a member is the tool's own bookkeeping ({@link #joined}), so a
 * post may also reach people the tool did not count (an earlier run's members): that is never an
 * error. Expectations are worked out at the end, from times that never change once set, so nothing
 * per receiver is stored while the run goes.
 */
final class DeliveryLedger {

    /** A member as the tool knows it: user index and when their join was acknowledged (0 = before the run). */
    record Member(int user, long joinedNanos) {
    }

    /** A lost delivery, for the report. */
    record Missing(long postId, long channelId, int user) {
    }

    private static final class Post {
        final long id;
        long channelId;
        int author = -1;
        long sentNanos;
        long ackNanos;
        final BitSet received = new BitSet();
        /** Arrivals seen before the acknowledgement: pairs of user index and arrival time. */
        List<long[]> early;

        Post(long id) {
            this.id = id;
        }
    }

    private final Metrics metrics;
    private final Map<Long, Post> posts = new ConcurrentHashMap<>();
    private final Map<Long, List<Member>> members = new ConcurrentHashMap<>();

    DeliveryLedger(Metrics metrics) {
        this.metrics = metrics;
    }

    void joined(long channelId, int user, long nanos) {
        members.computeIfAbsent(channelId, k -> new CopyOnWriteArrayList<>()).add(new Member(user, nanos));
    }

    /** The poster's POST answered 201 at {@code ackNanos}. */
    void acked(long postId, long channelId, int author, long sentNanos, long ackNanos) {
        Post post = posts.computeIfAbsent(postId, Post::new);
        List<long[]> early;
        synchronized (post) {
            post.channelId = channelId;
            post.author = author;
            post.sentNanos = sentNanos;
            post.ackNanos = ackNanos;
            early = post.early;
            post.early = null;
        }
        if (early != null) {
            for (long[] arrival : early) {
                if (arrival[0] != author) {
                    metrics.delivered((arrival[1] - ackNanos) / 1000);
                }
            }
        }
    }

    /** post.created for {@code postId} reached {@code user}'s stream at {@code nanos}. */
    void arrived(long postId, int user, long nanos) {
        Post post = posts.computeIfAbsent(postId, Post::new);
        long ack;
        int author;
        synchronized (post) {
            if (post.received.get(user)) {
                metrics.duplicatedPosts.increment();
                return;
            }
            post.received.set(user);
            ack = post.ackNanos;
            author = post.author;
            if (ack == 0) {
                if (post.early == null) {
                    post.early = new ArrayList<>(4);
                }
                post.early.add(new long[] {user, nanos});
                return;
            }
        }
        if (user != author) {
            metrics.delivered((nanos - ack) / 1000);
        }
    }

    /**
     * Deliveries still missing for posts acknowledged before {@code ackedBefore}, to users whose
     * stream {@code streamUpSince} says was up before the post was sent (0 = never up: not expected).
     */
    List<Missing> missing(long ackedBefore, StreamClock streamUpSince) {
        List<Missing> missing = new ArrayList<>();
        for (Post post : posts.values()) {
            long channelId;
            long sent;
            BitSet received;
            synchronized (post) {
                if (post.ackNanos == 0 || post.ackNanos > ackedBefore) {
                    continue;
                }
                channelId = post.channelId;
                sent = post.sentNanos;
                received = (BitSet) post.received.clone();
            }
            for (Member member : members.getOrDefault(channelId, List.of())) {
                long up = streamUpSince.upSince(member.user());
                if (member.joinedNanos() <= sent && up != 0 && up <= sent && !received.get(member.user())) {
                    missing.add(new Missing(post.id, channelId, member.user()));
                }
            }
        }
        return missing;
    }

    int acknowledged() {
        int n = 0;
        for (Post post : posts.values()) {
            synchronized (post) {
                if (post.ackNanos != 0) {
                    n++;
                }
            }
        }
        return n;
    }

    /** When a user's stream first said hello, or 0 if it never did or is down at the end. */
    interface StreamClock {
        long upSince(int user);
    }
}
