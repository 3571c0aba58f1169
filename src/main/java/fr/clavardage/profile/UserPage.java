package fr.clavardage.profile;

import java.util.List;

/** One page of the users column; {@code nextCursor} asks for the next one, null on the last. */
public record UserPage(List<UserView> users, String nextCursor) {
}
