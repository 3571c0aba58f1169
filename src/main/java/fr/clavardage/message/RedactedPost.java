package fr.clavardage.message;

/**
 * What the event log keeps of a post's earlier {@code post.created}/{@code post.edited} events once the
 * post was edited or deleted: which post it was, never its text or recipients. A later event of the same
 * post (its latest {@code post.edited}, or {@code post.deleted}) says what it became.
 */
public record RedactedPost(long id, long channelId, long seq, boolean redacted) {

    static RedactedPost of(Post post) {
        return new RedactedPost(post.id(), post.channelId(), post.seq(), true);
    }
}
