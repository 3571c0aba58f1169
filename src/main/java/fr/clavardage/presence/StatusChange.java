package fr.clavardage.presence;

/** One user's new status ({@code online}, {@code away}, {@code dnd} or {@code offline}). */
public record StatusChange(String userId, String status) {
}
