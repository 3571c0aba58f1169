package fr.clavardage.host.demo;

import fr.clavardage.host.HostAuthentication;
import fr.clavardage.host.sql.SqlUserDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * Who is calling, the demo host's way: the user picked at the login page (kept in the servlet
 * session), or HTTP Basic with the demo password for scripts. An enabled alternative, so CDI prefers
 * it to the module's own container authentication, as it would a real host's bean.
 */
@ApplicationScoped
@Alternative
@Priority(DemoUsers.PRIORITY)
public class DemoAuthentication implements HostAuthentication {

    @Inject
    DemoUsers users;

    @Override
    public Optional<String> authenticatedUserId(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(DemoHost.SESSION_USER) instanceof String userId) {
            // A user deactivated since they signed in is signed out.
            return users.byColumn("id", userId).filter(u -> u.user().active()).map(u -> u.user().id());
        }
        return basic(request.getHeader("Authorization"));
    }

    private Optional<String> basic(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        boolean passwordOk = MessageDigest.isEqual(decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8),
                DemoHost.PASSWORD.getBytes(StandardCharsets.UTF_8));
        Optional<SqlUserDirectory.Row> user = users.byColumn("login", decoded.substring(0, colon))
                .filter(u -> u.user().active());
        return passwordOk ? user.map(u -> u.user().id()) : Optional.empty();
    }
}
