package fr.clavardage.profile;

import fr.clavardage.host.HostDirectory;
import fr.clavardage.host.HostUser;
import fr.clavardage.platform.error.ClavardageException;
import fr.clavardage.platform.persistence.Transactions;
import fr.clavardage.presence.PresenceService;
import fr.clavardage.presence.Status;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.text.CollationKey;
import java.text.Collator;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The users column: every active ERP user in the column's order (online, away, busy, offline; by name
 * in French collation within each), searchable and paged, with the caller last. The order is computed
 * from memory (the directory cache, profile summaries, announced statuses) at most once a second and
 * shared by every request, so listing costs no per-request database work and stays fast for a company
 * of thousands.
 */
@ApplicationScoped
public class UserColumn {

    public static final int LIMIT_MAX = 500;
    public static final int IDS_MAX = 200;
    static final Duration PROFILES_TTL = Duration.ofSeconds(5);

    @Inject
    HostDirectory directory;
    @Inject
    ProfileRepository profiles;
    @Inject
    PresenceService presence;
    @Inject
    Transactions transactions;
    @Inject
    Clock clock;

    /** What a page is asked for; nulls mean "no filter". */
    public record Query(String q, List<String> ids, String status, String cursor, int limit) {
    }

    /** A user in the column's order, with a key to sort and to page by. */
    record Entry(HostUser user, ProfileSummary profile, Status status, String displayName, CollationKey nameKey,
                 String searchText, boolean canChat) {
    }

    /** Everyone sorted by name (all entries say OFFLINE here), and what it was built from. */
    private record Named(List<Entry> entries, List<HostUser> everyone, Map<String, ProfileSummary> summaries) {
    }

    /** The column's order, and what it was built from: rebuilt when any of them changes. */
    private record Ordered(List<Entry> entries, Map<String, Entry> byId, Named named, long presenceVersion,
                           Instant builtAt) {
    }

    private record Summaries(Map<String, ProfileSummary> byUser, Instant loadedAt) {
    }

    /** Statuses change every second during a rush; the order follows them at that pace, no faster. */
    static final Duration REBUILD_EVERY = Duration.ofSeconds(1);

    private final java.util.concurrent.locks.ReentrantLock rebuilding = new java.util.concurrent.locks.ReentrantLock();
    private volatile Ordered ordered;
    private volatile Summaries summaries;

    public UserPage page(String viewerId, Query query, String avatarBase) {
        if (query.limit() < 1 || query.limit() > LIMIT_MAX) {
            throw ClavardageException.badRequest("invalid_limit", "limit must be between 1 and " + LIMIT_MAX + ".");
        }
        Status status = query.status() == null ? null : parseStatus(query.status());
        String needle = query.q() == null || query.q().isBlank() ? null : normalize(query.q());
        Ordered order = ordered();
        if (query.ids() != null) {
            if (query.ids().size() > IDS_MAX) {
                throw ClavardageException.badRequest("too_many_ids", "Ask for at most " + IDS_MAX + " users at once.");
            }
            Set<String> wanted = new LinkedHashSet<>(query.ids());
            List<UserView> found = wanted.stream().map(order.byId()::get).filter(java.util.Objects::nonNull)
                    .sorted(ORDER)
                    .map(e -> asSeenBy(e, viewerId))
                    .filter(e -> matches(e, status, needle))
                    .map(e -> view(e, viewerId, avatarBase)).toList();
            return new UserPage(found, null);
        }
        Cursor after = query.cursor() == null ? null : Cursor.parse(query.cursor());
        Entry self = order.byId().get(viewerId);
        Slice slice = slice(order.entries(), self, self == null ? null : asSeenBy(self, viewerId), status, needle, after,
                query.limit());
        return new UserPage(slice.entries().stream().map(e -> view(e, viewerId, avatarBase)).toList(), slice.nextCursor());
    }

    /** One page cut from the ordered entries, and the cursor of the next one (null on the last). */
    record Slice(List<Entry> entries, String nextCursor) {
    }

    /**
     * The page after {@code after} (from the start when null) among the entries that match; the
     * caller ({@code self}) is left out of the order and comes last, after everyone else.
     */
    static Slice slice(List<Entry> ordered, Entry self, Entry selfAsSeen, Status status, String needle, Cursor after,
                       int limit) {
        List<Entry> page = new ArrayList<>();
        boolean more = false;
        for (int i = after == null ? 0 : firstAfter(ordered, after); i < ordered.size(); i++) {
            Entry entry = ordered.get(i);
            if (entry == self || !matches(entry, status, needle)) {
                continue;
            }
            if (page.size() == limit) {
                more = true;
                break;
            }
            page.add(entry);
        }
        if (!more && selfAsSeen != null && matches(selfAsSeen, status, needle)) {
            if (page.size() == limit) {
                more = true;
            } else {
                page.add(selfAsSeen);
            }
        }
        return new Slice(page, more ? Cursor.of(page.get(page.size() - 1)) : null);
    }

    /** Forgets the profile summaries after a change on this node (other nodes see it within seconds). */
    public void profileChanged() {
        summaries = null;
        ordered = null;
    }

    private static boolean matches(Entry e, Status status, String needle) {
        return (status == null || e.status() == status) && (needle == null || e.searchText().contains(needle));
    }

    private static int firstAfter(List<Entry> entries, Cursor after) {
        int low = 0;
        int high = entries.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (after.compareTo(entries.get(mid)) >= 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** Whoever is asking is using the chat right now, whatever was last announced about them. */
    static Entry asSeenBy(Entry e, String viewerId) {
        boolean present = e.user().id().equals(viewerId) && e.profile().manualStatus() == null && e.status() == Status.OFFLINE;
        return present ? new Entry(e.user(), e.profile(), Status.ONLINE, e.displayName(), e.nameKey(), e.searchText(),
                e.canChat()) : e;
    }

    UserView view(Entry e, String viewerId, String avatarBase) {
        ProfileSummary p = e.profile();
        boolean self = e.user().id().equals(viewerId);
        Status status = asSeenBy(e, viewerId).status();
        String avatarUrl = avatarBase + encode(e.user().id()) + "/avatar?v=" + p.avatarVersion();
        return new UserView(e.user().id(), e.user().login(), e.user().fullName(), p.nickname(), e.displayName(),
                avatarUrl, status.json(),
                p.manualStatus() == null ? null : p.manualStatus().name().toLowerCase(Locale.ROOT),
                self, e.canChat());
    }

    /**
     * The current order. Rebuilt when the directory, the profiles or the statuses changed, by one
     * thread at a time and at most once a second: the others keep the previous order meanwhile (pages
     * learn of status changes from the stream anyway). A rebuild sorts by name only when names changed;
     * a status change just regroups the name-sorted list, in linear time.
     */
    private Ordered ordered() {
        Ordered known = ordered;
        Instant now = clock.instant();
        if (known != null && (known.builtAt().plus(REBUILD_EVERY).isAfter(now) || !rebuilding.tryLock())) {
            return known;
        }
        if (known == null) {
            rebuilding.lock();
        }
        try {
            Ordered again = ordered;
            if (again != null && again != known) {
                return again;
            }
            List<HostUser> everyone = directory.everyone();
            Map<String, ProfileSummary> byUser = summaries(now);
            long presenceVersion = presence.version();
            if (known != null && known.named().everyone() == everyone && known.named().summaries() == byUser
                    && known.presenceVersion() == presenceVersion) {
                return known;
            }
            Named named = known != null && known.named().everyone() == everyone && known.named().summaries() == byUser
                    ? known.named() : named(everyone, byUser, known == null ? null : known.named());
            Map<String, Status> statuses = presence.statuses();
            // One pass over the name order, each user's status looked up once, dealt into a list per status.
            List<List<Entry>> byStatus = new ArrayList<>();
            for (Status ignored : Status.values()) {
                byStatus.add(new ArrayList<>());
            }
            for (Entry entry : named.entries()) {
                Status status = statuses.getOrDefault(entry.user().id(), Status.OFFLINE);
                byStatus.get(status.ordinal()).add(new Entry(entry.user(), entry.profile(), status, entry.displayName(),
                        entry.nameKey(), entry.searchText(), entry.canChat()));
            }
            List<Entry> entries = new ArrayList<>(named.entries().size());
            byStatus.forEach(entries::addAll);
            Ordered built = new Ordered(List.copyOf(entries),
                    entries.stream().collect(Collectors.toMap(e -> e.user().id(), Function.identity())),
                    named, presenceVersion, now);
            ordered = built;
            return built;
        } finally {
            rebuilding.unlock();
        }
    }

    /**
     * Everyone sorted by name, with what sorting and searching need computed once: a user whose
     * directory entry, profile and right are as in {@code previous} keeps their entry from it, so a
     * newcomer or a renamed user costs one collation key, not one per user of the company.
     */
    private Named named(List<HostUser> everyone, Map<String, ProfileSummary> byUser, Named previous) {
        Map<String, HostDirectory.Rights> rights = directory.rights(everyone.stream().map(HostUser::id).toList());
        Map<String, Entry> before = new HashMap<>();
        if (previous != null) {
            previous.entries().forEach(e -> before.put(e.user().id(), e));
        }
        Collator collator = collator();
        List<Entry> entries = new ArrayList<>(everyone.size());
        for (HostUser user : everyone) {
            ProfileSummary profile = byUser.getOrDefault(user.id(), ProfileSummary.NONE);
            boolean canChat = rights.getOrDefault(user.id(), HostDirectory.Rights.NONE).use();
            Entry known = before.get(user.id());
            if (known != null && known.user().equals(user) && known.profile().equals(profile) && known.canChat() == canChat) {
                entries.add(known);
                continue;
            }
            String name = profile.nickname() != null ? profile.nickname() : user.fullName();
            String search = normalize(String.join("\u0001", name, String.valueOf(user.fullName()), String.valueOf(user.login())));
            entries.add(new Entry(user, profile, Status.OFFLINE, name, collator.getCollationKey(name), search, canChat));
        }
        entries.sort(ORDER);
        return new Named(List.copyOf(entries), everyone, byUser);
    }

    private Map<String, ProfileSummary> summaries(Instant now) {
        Summaries known = summaries;
        if (known != null && known.loadedAt().plus(PROFILES_TTL).isAfter(now)) {
            return known.byUser();
        }
        Map<String, ProfileSummary> loaded = new HashMap<>();
        transactions.inTransaction(profiles::summaries).forEach(s -> loaded.put(s.userId(), s));
        // Unchanged profiles keep the same map, so the name order built on them stays valid.
        Map<String, ProfileSummary> byUser = known != null && known.byUser().equals(loaded)
                ? known.byUser() : Collections.unmodifiableMap(loaded);
        summaries = new Summaries(byUser, now);
        return byUser;
    }

    static final Comparator<Entry> ORDER = Comparator.comparing(Entry::status)
            .thenComparing(Entry::nameKey)
            .thenComparing(e -> e.user().id());

    static Collator collator() {
        Collator collator = Collator.getInstance(Locale.FRENCH);
        collator.setStrength(Collator.TERTIARY);
        return collator;
    }

    /** Lower case without accents, so that "emilie" finds "Émilie". */
    static String normalize(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }

    static Status parseStatus(String status) {
        try {
            return Status.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ClavardageException.badRequest("invalid_status", "status is one of online, away, dnd, offline.");
        }
    }

    private static String encode(String id) {
        return java.net.URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * Where a page stopped, by sort key rather than by position: users who change status or name while
     * someone pages move, but nobody is shown twice in a row or skipped because of it.
     */
    record Cursor(Status status, CollationKey nameKey, String userId) {

        static String of(Entry last) {
            String raw = last.status().name() + "\n" + last.displayName() + "\n" + last.user().id();
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor parse(String cursor) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", -1);
                if (parts.length != 3) {
                    throw new IllegalArgumentException("parts");
                }
                return new Cursor(Status.valueOf(parts[0]), collator().getCollationKey(parts[1]), parts[2]);
            } catch (IllegalArgumentException e) {
                throw ClavardageException.badRequest("invalid_cursor", "This cursor was not given by a previous page.");
            }
        }

        int compareTo(Entry e) {
            int byStatus = status.compareTo(e.status());
            if (byStatus != 0) {
                return byStatus;
            }
            int byName = nameKey.compareTo(e.nameKey());
            return byName != 0 ? byName : userId.compareTo(e.user().id());
        }
    }
}
