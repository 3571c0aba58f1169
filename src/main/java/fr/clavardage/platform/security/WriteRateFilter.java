package fr.clavardage.platform.security;

import fr.clavardage.platform.error.ApiError;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * After authentication: a user over their post or write allowance ({@link RateLimits}) gets 429 with
 * {@code Retry-After} (whole seconds) and {@code too_many_posts} or {@code too_many_writes}. Reads are
 * never limited here.
 */
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHENTICATION + 100)
public class WriteRateFilter implements ContainerRequestFilter {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    @Inject
    RateLimits limits;
    @Inject
    CurrentActor currentActor;

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext context) {
        if (!WRITES.contains(context.getMethod())) {
            return;
        }
        String userId = currentActor.get().userId();
        if (resource.getResourceMethod() != null && resource.getResourceMethod().isAnnotationPresent(CountsAsPost.class)) {
            OptionalLong wait = limits.post(userId);
            if (wait.isPresent()) {
                context.abortWith(tooMany(wait.getAsLong(), "too_many_posts", "Too many messages sent; try again later."));
                return;
            }
        }
        OptionalLong wait = limits.write(userId);
        if (wait.isPresent()) {
            context.abortWith(tooMany(wait.getAsLong(), "too_many_writes", "Too many changes made; try again later."));
        }
    }

    private static Response tooMany(long nanos, String code, String message) {
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanos + TimeUnit.SECONDS.toNanos(1) - 1));
        return Response.status(429).header("Retry-After", seconds).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiError.of(code, message)).build();
    }
}
