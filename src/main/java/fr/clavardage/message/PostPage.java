package fr.clavardage.message;

import java.util.List;

/**
 * Posts newest first. {@code nextBefore} is the cursor for the next (older) page: pass it as
 * {@code before}; null when the start of the channel is reached.
 */
public record PostPage(List<PostView> posts, Long nextBefore) {
}
