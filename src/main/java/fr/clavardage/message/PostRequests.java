package fr.clavardage.message;

import java.util.List;

public final class PostRequests {

    private PostRequests() {
    }

    /**
     * {@code clientKey}: any string of up to 64 characters the client makes up per message; sending
     * again with the same key returns the first post instead of writing a second one.
     */
    public record Create(String message, List<String> recipients, String clientKey) {
    }

    public record Edit(String message) {
    }
}
