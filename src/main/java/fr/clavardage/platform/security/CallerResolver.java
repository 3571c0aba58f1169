package fr.clavardage.platform.security;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Says who is calling: implemented where the host is known (the {@code host} package), used by the
 * API's authentication filter and by anything else that serves requests, such as the event stream.
 * Called once per request, before any transaction.
 */
public interface CallerResolver {

    /** The authenticated caller holding {@code clavardage.use}; throws 401 or 403 otherwise. */
    Actor resolve(HttpServletRequest request);
}
