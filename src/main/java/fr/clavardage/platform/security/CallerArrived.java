package fr.clavardage.platform.security;

/**
 * Fired (synchronously, before any transaction) once per authenticated request. Features that care
 * about a user showing up observe it (first-use set-up, activity for presence), so that the security
 * layer does not need to know them. {@code background} is true for the page's own refreshes, which are
 * not the user doing something.
 */
public record CallerArrived(String userId, boolean background) {
}
