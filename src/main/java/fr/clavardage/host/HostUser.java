package fr.clavardage.host;

/**
 * A user as the host ERP knows them. {@code id} is the host's stable key: the module stores it, so it
 * must never be reused for another person.
 */
public record HostUser(String id, String login, String fullName, String email, boolean active) {
}
