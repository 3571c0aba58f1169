package fr.clavardage.unread;

import fr.clavardage.platform.persistence.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;

/**
 * Read state lives on the membership row: the last post sequence a member has seen, and how many posts
 * addressed them since. Both are changed by single UPDATE statements so concurrent posts and reads
 * never lose each other's counts.
 */
@ApplicationScoped
public class ReadMarkers {

    @Inject
    Transactions transactions;

    /** Moves the member's marker forward to {@code seq} (never back) and clears their mentions. */
    public void markViewed(long channelId, String userId, long seq) {
        transactions.entityManager().createQuery("""
                        update Membership m set m.lastViewedSeq = :seq, m.mentionCount = 0
                        where m.channelId = :channel and m.userId = :user and m.lastViewedSeq <= :seq""")
                .setParameter("seq", seq).setParameter("channel", channelId).setParameter("user", userId)
                .executeUpdate();
    }

    public void addMention(long channelId, Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return;
        }
        transactions.entityManager().createQuery("""
                        update Membership m set m.mentionCount = m.mentionCount + 1
                        where m.channelId = :channel and m.userId in :users""")
                .setParameter("channel", channelId).setParameter("users", userIds)
                .executeUpdate();
    }
}
