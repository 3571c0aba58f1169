package fr.clavardage.host;

import fr.clavardage.platform.error.ClavardageException;
import fr.clavardage.platform.security.Actor;
import fr.clavardage.platform.security.CallerArrived;
import fr.clavardage.platform.security.CallerResolver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Resolves who is calling, once per request and before any transaction: the host's authentication,
 * then the two rights the chat asks about, both through the directory cache. Whatever needs a database
 * connection later in the request never waits on the host directory while holding one.
 */
@ApplicationScoped
public class Callers implements CallerResolver {

    /** Set by the page on requests it makes by itself (refreshes), as opposed to the user's actions. */
    public static final String BACKGROUND_HEADER = "X-Clavardage-Background";

    @Inject
    HostAuthentication authentication;
    @Inject
    HostDirectory directory;
    @Inject
    Event<CallerArrived> arrivals;

    @Override
    public Actor resolve(HttpServletRequest request) {
        String userId = authentication.authenticatedUserId(request)
                .orElseThrow(() -> ClavardageException.unauthenticated("Sign in to the ERP first."));
        HostDirectory.Rights rights = directory.rights(userId);
        if (!rights.use()) {
            throw ClavardageException.forbidden("permission_required",
                    "You do not have the permission to use the chat (" + Permissions.USE + ").");
        }
        arrivals.fire(new CallerArrived(userId, request.getHeader(BACKGROUND_HEADER) != null));
        return new Actor(userId, rights.admin());
    }
}
