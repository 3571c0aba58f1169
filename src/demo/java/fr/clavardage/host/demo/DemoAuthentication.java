package fr.clavardage.host.demo;

import fr.clavardage.host.HostAuthentication;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is calling, the demo host's way: the user picked at the login page (kept in the servlet
 * session), or HTTP Basic with the demo password for scripts. An enabled alternative, so CDI prefers
 * it to the module's own container authentication, as it would a real host's bean.
 *
 * <p>Who a session or a login is, and whether that user is still active, is read from the demo's user
 * table at most every {@link #FRESHNESS}, as a real ERP keeps its signed-in users in memory: asked on
 * every request, it cost a query and a pooled connection per request, which under load made requests
 * wait for a connection just to be authenticated (docs/performance.md). A user deactivated meanwhile
 * is refused within that time.
 */
@ApplicationScoped
@Alternative
@Priority(DemoUsers.PRIORITY)
public class DemoAuthentication implements HostAuthentication {

    static final Duration FRESHNESS = Duration.ofSeconds(10);
    /** More entries than that (a flood of made-up logins) and the cache starts over. */
    private static final int MAX_ENTRIES = 50_000;

    private record Known(Optional<String> activeUserId, long untilNanos) {
    }

    private final Map<String, Known> known = new ConcurrentHashMap<>();

    @Inject
    DemoUsers users;

    @Override
    public Optional<String> authenticatedUserId(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(DemoHost.SESSION_USER) instanceof String userId) {
            // A user deactivated since they signed in is signed out (within FRESHNESS).
            return activeUser("id", userId);
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
        return passwordOk ? activeUser("login", decoded.substring(0, colon)) : Optional.empty();
    }

    /** The active user whose {@code column} is {@code value}, as the user table said less than {@link #FRESHNESS} ago. */
    private Optional<String> activeUser(String column, String value) {
        String key = column + ':' + value;
        long now = System.nanoTime();
        Known cached = known.get(key);
        if (cached != null && now - cached.untilNanos() < 0) {
            return cached.activeUserId();
        }
        Optional<String> found = users.byColumn(column, value).filter(u -> u.user().active()).map(u -> u.user().id());
        if (known.size() >= MAX_ENTRIES) {
            known.clear();
        }
        known.put(key, new Known(found, now + FRESHNESS.toNanos()));
        return found;
    }
}
