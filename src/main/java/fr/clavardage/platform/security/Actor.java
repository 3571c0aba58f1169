package fr.clavardage.platform.security;

/** The user on whose behalf a service acts, with the one host permission that widens what they may do. */
public record Actor(String userId, boolean admin) {
}
