package fr.clavardage.profile;

/**
 * A host user as the chat shows them. {@code displayName} is the nickname when there is one, else the
 * host's full name. {@code avatarUrl} changes whenever the picture does, so it can be cached.
 * {@code canChat} is false for ERP users without {@code clavardage.use}: listed, but not addressable.
 */
public record UserView(String id, String login, String fullName, String nickname, String displayName,
                       String avatarUrl, String status, String manualStatus, boolean self, boolean canChat) {
}
