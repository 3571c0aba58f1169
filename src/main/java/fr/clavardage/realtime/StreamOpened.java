package fr.clavardage.realtime;

/**
 * Fired (synchronously, on the request's thread) when a user's stream is registered and caught up:
 * presence observes it to show them online without waiting for its next tick.
 */
public record StreamOpened(String userId) {
}
