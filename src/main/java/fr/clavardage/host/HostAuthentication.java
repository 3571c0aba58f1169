package fr.clavardage.host;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Host SPI: who is making this request. The host answers from its own session or container security;
 * the module never reads identity from anything the browser can set freely (a header or a parameter).
 */
public interface HostAuthentication {

    /** The host user id of the authenticated caller, or empty when the request is anonymous. */
    Optional<String> authenticatedUserId(HttpServletRequest request);
}
