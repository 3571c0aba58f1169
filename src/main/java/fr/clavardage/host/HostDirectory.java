package fr.clavardage.host;

import fr.clavardage.platform.Text;
import fr.clavardage.platform.config.ModuleConfig;
import fr.clavardage.platform.persistence.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.text.CollationKey;
import java.text.Collator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The module's only door to the host's users and permissions, with a short-lived cache in front.
 *
 * <p>Why it exists: a host directory typically reads the same database through the same pool. Asked
 * from inside a transaction, a lookup would hold one pooled connection while waiting for a second; a
 * handful of such requests then starve the pool and freeze the node. So every lookup that may reach
 * the host happens <em>before</em> a transaction starts, and this class refuses a cache miss made from
 * inside one (a programming error, caught by the tests). The cache also keeps the host's directory from
 * being queried on every request.
 *
 * <p>Freshness: a snapshot of every user is kept for {@code clavardage.directory.ttl} (default
 * {@code PT30S}); after that the next caller reloads it while others keep using the old one. Rights are
 * cached per user for the same time. A host whose users change can call {@link #invalidate} or
 * {@link #invalidateAll} to make the change visible at once.
 */
@ApplicationScoped
public class HostDirectory {

    public static final String TTL = "clavardage.directory.ttl";

    /** What the chat may do for a user, as the host says. */
    public record Rights(boolean use, boolean admin) {
        public static final Rights NONE = new Rights(false, false);
    }

    private record Snapshot(Map<String, HostUser> activeById, List<HostUser> sorted, Instant loadedAt) {
    }

    private record CachedRights(Rights rights, Instant until) {
    }

    private record CachedUser(Optional<HostUser> user, Instant until) {
    }

    @Inject
    UserDirectory directory;
    @Inject
    PermissionChecker permissions;
    @Inject
    Transactions transactions;
    @Inject
    Clock clock;

    private volatile Snapshot snapshot;
    private final ReentrantLock reloading = new ReentrantLock();
    private final Map<String, CachedRights> rights = new ConcurrentHashMap<>();
    /** Users asked for by id and missing from the snapshot (hired since, or unknown ids). */
    private final Map<String, CachedUser> strays = new ConcurrentHashMap<>();

    static Duration ttl() {
        return ModuleConfig.get(TTL).map(Duration::parse).orElse(Duration.ofSeconds(30));
    }

    /** Every active user, sorted by full name in French collation (accents and case do not split names). */
    public List<HostUser> everyone() {
        return current().sorted();
    }

    /** An active user, or empty for an unknown or deactivated id. */
    public Optional<HostUser> activeUser(String userId) {
        if (userId == null || !couldBeAnId(userId)) {
            return Optional.empty();
        }
        HostUser known = current().activeById().get(userId);
        if (known != null) {
            return Optional.of(known);
        }
        Instant now = clock.instant();
        CachedUser stray = strays.get(userId);
        if (stray == null || stray.until().isBefore(now)) {
            requireNoTransaction("user " + userId);
            stray = new CachedUser(directory.find(userId).filter(HostUser::active), now.plus(ttl()));
            if (strays.size() > 10_000) {
                strays.clear();
            }
            strays.put(userId, stray);
        }
        return stray.user();
    }

    /**
     * Text with control characters or lone surrogates is nobody's id, and is not sent to the host's
     * database either: PostgreSQL refuses a NUL in a query parameter outright (a 500, where H2 simply
     * finds nobody).
     */
    private static boolean couldBeAnId(String userId) {
        return userId.chars().noneMatch(Character::isISOControl) && !Text.hasLoneSurrogate(userId);
    }

    /** Active users among {@code ids}, keyed by id in the order asked; unknown ids are left out. */
    public Map<String, HostUser> activeUsers(Collection<String> ids) {
        Map<String, HostUser> found = new LinkedHashMap<>();
        for (String id : ids) {
            activeUser(id).ifPresent(user -> found.put(id, user));
        }
        return found;
    }

    /** The user's rights; an inactive or unknown user has none. */
    public Rights rights(String userId) {
        Instant now = clock.instant();
        CachedRights cached = rights.get(userId);
        if (cached != null && cached.until().isAfter(now)) {
            return cached.rights();
        }
        requireNoTransaction("rights of " + userId);
        Rights fresh = activeUser(userId).isEmpty() ? Rights.NONE
                : rightsFromHost(Set.of(userId)).getOrDefault(userId, Rights.NONE);
        rights.put(userId, new CachedRights(fresh, now.plus(ttl())));
        return fresh;
    }

    /** Rights of many users at once (one host query when the host supports it), cached like {@link #rights}. */
    public Map<String, Rights> rights(Collection<String> userIds) {
        Instant now = clock.instant();
        Map<String, Rights> answer = new HashMap<>();
        Set<String> missing = new java.util.HashSet<>();
        for (String id : userIds) {
            CachedRights cached = rights.get(id);
            if (cached != null && cached.until().isAfter(now)) {
                answer.put(id, cached.rights());
            } else {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            requireNoTransaction("rights of " + missing.size() + " users");
            Map<String, Rights> fresh = rightsFromHost(missing);
            Instant until = now.plus(ttl());
            for (String id : missing) {
                Rights r = fresh.getOrDefault(id, Rights.NONE);
                rights.put(id, new CachedRights(r, until));
                answer.put(id, r);
            }
        }
        return answer;
    }

    /** Forget what is known of one user: the next question goes to the host. */
    public void invalidate(String userId) {
        rights.remove(userId);
        strays.remove(userId);
        snapshot = null;
    }

    public void invalidateAll() {
        rights.clear();
        strays.clear();
        snapshot = null;
    }

    private Map<String, Rights> rightsFromHost(Set<String> userIds) {
        Map<String, Set<String>> grants = permissions.grants(userIds, Set.of(Permissions.USE, Permissions.ADMIN));
        Map<String, Rights> answer = new HashMap<>();
        grants.forEach((id, held) -> answer.put(id,
                new Rights(held.contains(Permissions.USE), held.contains(Permissions.USE) && held.contains(Permissions.ADMIN))));
        return answer;
    }

    private Snapshot current() {
        Snapshot known = snapshot;
        Instant now = clock.instant();
        if (known != null && known.loadedAt().plus(ttl()).isAfter(now)) {
            return known;
        }
        // One caller reloads; the others keep the previous snapshot meanwhile (all wait only for the first).
        if (known != null && !reloading.tryLock()) {
            return known;
        }
        if (known == null) {
            reloading.lock();
        }
        try {
            Snapshot again = snapshot;
            if (again != null && again != known && again.loadedAt().plus(ttl()).isAfter(now)) {
                return again;
            }
            requireNoTransaction("the user list");
            Snapshot loaded = load(now, known);
            snapshot = loaded;
            strays.clear();
            return loaded;
        } finally {
            reloading.unlock();
        }
    }

    private Snapshot load(Instant now, Snapshot previous) {
        Map<String, HostUser> byId = new HashMap<>();
        for (HostUser user : directory.allUsers()) {
            if (user.active()) {
                byId.put(user.id(), user);
            }
        }
        // Nobody changed since the last load (the usual case): the same list, so that what was built
        // on it (the users column's order) stays valid instead of being rebuilt at every reload.
        if (previous != null && previous.activeById().equals(byId)) {
            return new Snapshot(previous.activeById(), previous.sorted(), now);
        }
        Collator collator = Collator.getInstance(Locale.FRENCH);
        collator.setStrength(Collator.SECONDARY);
        // One collation key per name, compared as bytes, rather than the collator run on each pair compared.
        Map<String, CollationKey> keys = new HashMap<>();
        byId.forEach((id, user) -> keys.put(id, collator.getCollationKey(user.fullName() == null ? "" : user.fullName())));
        List<HostUser> sorted = byId.values().stream()
                .sorted(Comparator.comparing((HostUser u) -> keys.get(u.id())).thenComparing(HostUser::id))
                .toList();
        return new Snapshot(Map.copyOf(byId), sorted, now);
    }

    private void requireNoTransaction(String what) {
        if (transactions.active()) {
            throw new IllegalStateException("Host directory asked for " + what
                    + " inside a transaction: look users up before opening it (pool starvation otherwise)");
        }
    }
}
