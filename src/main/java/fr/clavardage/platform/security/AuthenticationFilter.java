package fr.clavardage.platform.security;

import fr.clavardage.platform.web.CurrentRequest;
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

    @Inject
    CallerResolver callers;
    @Inject
    CurrentActor currentActor;

    /** Jersey's proxy of the request: used only where {@link CurrentRequest} did not see the call. */
    @Context
    HttpServletRequest injectedRequest;

    @Override
    public void filter(ContainerRequestContext context) {
        currentActor.set(callers.resolve(CurrentRequest.get().orElse(injectedRequest)));
    }
}
