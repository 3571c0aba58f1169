package fr.clavardage.platform.security;

import fr.clavardage.host.HostAuthentication;
import fr.clavardage.host.PermissionChecker;
import fr.clavardage.host.Permissions;
import fr.clavardage.platform.error.ClavardageException;
import fr.clavardage.presence.PresenceService;
import fr.clavardage.profile.UserBootstrap;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

/**
 * Every API call is made by a host user holding {@code clavardage.use}: the host says who (from its
 * own session), the host says whether they may. Nothing below this filter runs for anyone else.
 */
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHENTICATION)
public class AuthenticationFilter implements ContainerRequestFilter {

    /** Set by the page on requests it makes by itself (refreshes), as opposed to the user's actions. */
    public static final String BACKGROUND_HEADER = "X-Clavardage-Background";

    @Inject
    HostAuthentication authentication;
    @Inject
    PermissionChecker permissions;
    @Inject
    CurrentActor currentActor;
    @Inject
    UserBootstrap bootstrap;
    @Inject
    PresenceService presence;

    @Context
    HttpServletRequest request;

    @Override
    public void filter(ContainerRequestContext context) {
        String userId = authentication.authenticatedUserId(request)
                .orElseThrow(() -> ClavardageException.unauthenticated("Sign in to the ERP first."));
        if (!permissions.hasPermission(userId, Permissions.USE)) {
            throw ClavardageException.forbidden("permission_required",
                    "You do not have the permission to use the chat (" + Permissions.USE + ").");
        }
        bootstrap.ensureKnown(userId);
        // The page's own refreshes are not the user doing something: they would never go away.
        if (context.getHeaderString(BACKGROUND_HEADER) == null) {
            presence.seen(userId);
        }
        currentActor.set(new Actor(userId, permissions.hasPermission(userId, Permissions.ADMIN)));
    }
}
