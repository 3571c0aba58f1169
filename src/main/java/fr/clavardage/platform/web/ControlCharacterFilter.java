package fr.clavardage.platform.web;

import fr.clavardage.platform.error.ClavardageException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/**
 * Ids and cursors never hold control characters; refusing them here means no later lookup can trip
 * over one (PostgreSQL rejects NUL in text outright, H2 does not: the answer must not depend on it).
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 200)
public class ControlCharacterFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext context) {
        var uri = context.getUriInfo();
        String path = uri.getPath(true);
        boolean bad = path.chars().anyMatch(Character::isISOControl)
                || uri.getQueryParameters(true).entrySet().stream()
                .anyMatch(e -> (e.getKey() + String.join("", e.getValue())).chars().anyMatch(Character::isISOControl));
        if (bad) {
            throw ClavardageException.badRequest("invalid_characters", "The address contains control characters.");
        }
    }
}
