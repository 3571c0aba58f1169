package fr.clavardage.profile;

/** The signed-in user, whether they hold {@code clavardage.admin}, and their preferences. */
public record SessionView(UserView user, boolean admin, String readingOrder) {
}
