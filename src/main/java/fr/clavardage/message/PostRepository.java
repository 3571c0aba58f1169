package fr.clavardage.message;

import fr.clavardage.platform.persistence.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;

/** The only place that queries posts. */
@ApplicationScoped
public class PostRepository {

    @Inject
    Transactions transactions;

    private EntityManager em() {
        return transactions.entityManager();
    }

    public void add(Post post) {
        em().persist(post);
        em().flush();
    }

    public Optional<Post> find(long id) {
        return Optional.ofNullable(em().find(Post.class, id));
    }

    public Optional<Post> findByClientKey(String authorId, String clientKey) {
        return em().createQuery("select p from Post p where p.authorId = :author and p.clientKey = :key", Post.class)
                .setParameter("author", authorId).setParameter("key", clientKey)
                .getResultStream().findFirst();
    }

    /**
     * One page of live posts, newest first, strictly before {@code beforeSeq}. Walks the
     * (channel_id, seq) unique index backwards, so its cost does not grow with history.
     * <p>
     * The order names both index columns although the channel is fixed: H2 only reads an index in
     * order when the ORDER BY covers it from its first column, and otherwise sorts every post of the
     * channel before the sequence (seconds in a channel of millions). PostgreSQL scans the index
     * backwards with either form. See docs/performance.md, "Large history".
     */
    public List<Post> page(long channelId, long beforeSeq, int limit) {
        return em().createQuery("""
                        select p from Post p
                        where p.channelId = :channel and p.seq < :before and p.deletedAt is null
                        order by p.channelId desc, p.seq desc""", Post.class)
                .setParameter("channel", channelId).setParameter("before", beforeSeq)
                .setMaxResults(limit).getResultList();
    }
}
