package fr.clavardage.load;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What the shipped pages request, as data: for the chat window ({@code src/main/webapp/app/chat.js})
 * and the widget ({@code widget/widget.js}), on each trigger (start-up, the stream (re)opening, each
 * timer, each event type, a DOM event), the {@code api.js} calls the page can make and when.
 * {@link PageMode} replays exactly this; {@code PageModelTest} reads the two scripts and fails when the
 * calls reachable from a trigger differ from this table.
 *
 * <p>Updating after a change to the pages: run {@code PageModelTest}; its failure prints the table
 * read from the scripts. Edit the rows below to match (and the {@link When} of each call), then rerun.
 * Triggers whose name starts with {@code user } are what a person does; the scripts are not checked
 * for them.
 */
final class PageModel {

    /** When a reachable call is actually made. */
    enum When {
        ALWAYS,
        /** The open channel is unread in the page's last channel list (the page then marks it read). */
        OPEN_CHANNEL_UNREAD,
        /** A post.created in the open channel while the page thinks it unread. */
        CREATED_HERE_WHILE_UNREAD,
        /** A post.created by someone else. */
        CREATED_BY_OTHER,
        /** A response the browser caches (GET /emoji, max-age one day): only the first page of a browser asks. */
        BROWSER_CACHE_MISS,
        /** A post.created by someone else in the open channel. */
        CREATED_BY_OTHER_HERE,
        /** A post.created by someone else in a channel that is not open. */
        CREATED_BY_OTHER_ELSEWHERE,
        /** Reachable, but only when the open channel vanished or a gap must be filled: not in a steady run. */
        NOT_IN_STEADY_STATE,
        /** Depends on something the tool does not simulate (tab visibility). */
        NOT_SIMULATED,
        /**
         * The stream opened after the page began reading its lists: a reconnection, or a first opening
         * slower than the page waits for it ({@link #STREAM_WAIT_MS}).
         */
        OPENED_AFTER_READS
    }

    /** How long a page waits for its stream to open before reading its lists (stream.js STREAM_WAIT_MS). */
    static final int STREAM_WAIT_MS = 2000;

    /** One api.js call of a reaction: condition, trailing debounce or leading throttle in ms. */
    record Call(String api, When when, int debounceMs, int throttleMs) {
        static Call always(String api) {
            return new Call(api, When.ALWAYS, 0, 0);
        }

        static Call when(String api, When when) {
            return new Call(api, when, 0, 0);
        }

        static Call debounced(String api, When when, int ms) {
            return new Call(api, when, ms, 0);
        }

        static Call throttled(String api, int ms) {
            return new Call(api, When.ALWAYS, 0, ms);
        }

        static Call throttled(String api, When when, int ms) {
            return new Call(api, when, 0, ms);
        }
    }

    record Reaction(String page, String trigger, List<Call> calls) {
    }

    static final String WINDOW = "window";
    static final String WIDGET = "widget";

    /** Pseudo-calls: the page opens the shared stream; the page reloads itself. */
    static final String STREAM = "stream";
    static final String RELOAD = "reload";

    private static final Call MARK_READ_IF_UNREAD = Call.when("markRead", When.OPEN_CHANNEL_UNREAD);
    private static final Call RARE_POSTS = Call.when("posts", When.NOT_IN_STEADY_STATE);
    private static final Call RARE_MARK_READ = Call.when("markRead", When.NOT_IN_STEADY_STATE);

    // ------------------------------------------------------------------ the table
    static final List<Reaction> REACTIONS = List.of(
            // chat.js
            // The stream first (the page waits for it to open, at most STREAM_WAIT_MS), then the lists.
            new Reaction(WINDOW, "start", List.of(Call.always("session"), Call.always(STREAM), Call.always("users"),
                    Call.when("emoji", When.BROWSER_CACHE_MISS), Call.always("channels"), Call.always("posts"), MARK_READ_IF_UNREAD)),
            new Reaction(WINDOW, "stream.open", List.of(Call.when("channels", When.OPENED_AFTER_READS),
                    Call.when("posts", When.OPENED_AFTER_READS), MARK_READ_IF_UNREAD)),
            // Events are applied in place by the shared store (app/store.js); the page's own switch holds only the
            // events that cost a request: a post in the open channel is marked read once per burst.
            new Reaction(WINDOW, "event post.created", List.of(Call.throttled("markRead", When.CREATED_BY_OTHER_HERE, 5000))),
            new Reaction(WINDOW, "event post.edited", List.of()),
            new Reaction(WINDOW, "event post.deleted", List.of()),
            new Reaction(WINDOW, "event typing", List.of()),
            new Reaction(WINDOW, "event channel.viewed", List.of()),
            new Reaction(WINDOW, "event channel.created|channel.updated", List.of()),
            new Reaction(WINDOW, "event member.added", List.of()),
            new Reaction(WINDOW, "event member.updated", List.of()),
            new Reaction(WINDOW, "event member.removed", List.of(RARE_POSTS, RARE_MARK_READ)),
            new Reaction(WINDOW, "event status.changed", List.of()),
            new Reaction(WINDOW, "event profile.changed", List.of()),
            new Reaction(WINDOW, "event stream.reset", List.of(Call.always(RELOAD))),
            new Reaction(WINDOW, "dom visibilitychange", List.of(Call.when("markRead", When.NOT_SIMULATED))),
            new Reaction(WINDOW, "user opens a channel", List.of(Call.always("posts"), MARK_READ_IF_UNREAD)),
            new Reaction(WINDOW, "user types and sends", List.of(Call.throttled("activity", 60000),
                    Call.throttled("typing", 3000), Call.always("send"))),
            // widget.js
            new Reaction(WIDGET, "start", List.of(Call.always("session"), Call.always(STREAM), Call.when("emoji", When.BROWSER_CACHE_MISS),
                    Call.always("channels"), Call.always("posts"), MARK_READ_IF_UNREAD)),
            new Reaction(WIDGET, "stream.open", List.of(Call.when("channels", When.OPENED_AFTER_READS),
                    Call.when("posts", When.OPENED_AFTER_READS), MARK_READ_IF_UNREAD)),
            new Reaction(WIDGET, "event post.created", List.of(Call.throttled("markRead", When.CREATED_BY_OTHER_HERE, 5000))),
            new Reaction(WIDGET, "event post.edited", List.of()),
            new Reaction(WIDGET, "event post.deleted", List.of()),
            new Reaction(WIDGET, "event channel.viewed", List.of()),
            new Reaction(WIDGET, "event typing", List.of()),
            new Reaction(WIDGET, "event channel.created|channel.updated", List.of()),
            new Reaction(WIDGET, "event member.added", List.of()),
            new Reaction(WIDGET, "event member.updated", List.of()),
            new Reaction(WIDGET, "event member.removed", List.of(RARE_POSTS, RARE_MARK_READ)),
            new Reaction(WIDGET, "event profile.changed", List.of()),
            new Reaction(WIDGET, "event stream.reset", List.of(Call.always(RELOAD))),
            new Reaction(WIDGET, "dom visibilitychange", List.of(Call.when("markRead", When.NOT_SIMULATED))));

    /** How the tool makes each api.js call: method and path as api.js builds them ({} for a parameter). */
    static final Map<String, String> API = Map.of(
            "session", "GET me",
            "users", "GET users",
            "emoji", "GET emoji",
            "channels", "GET channels",
            "posts", "GET channels/{}/posts",
            "markRead", "POST channels/{}/read",
            "activity", "POST me/activity",
            "typing", "POST channels/{}/typing",
            "send", "POST channels/{}/posts");

    /** History page sizes: message-list.js PAGE (the window) and widget.js LATEST. */
    static final Map<String, Integer> PAGE_SIZE = Map.of(WINDOW, 50, WIDGET, 30);

    private PageModel() {
    }

    static List<Reaction> of(String page) {
        return REACTIONS.stream().filter(r -> r.page().equals(page)).toList();
    }

    static Reaction reaction(String page, String trigger) {
        for (Reaction r : REACTIONS) {
            if (r.page().equals(page) && r.trigger().equals(trigger)) {
                return r;
            }
        }
        return null;
    }

    /** The reaction to an event type, whatever other types share its case. */
    static Reaction onEvent(String page, String type) {
        return BY_EVENT.getOrDefault(page, Map.of()).get(type);
    }

    /** page → event type → its reaction, looked up for each of the millions of events a run delivers. */
    private static final Map<String, Map<String, Reaction>> BY_EVENT = REACTIONS.stream()
            .filter(r -> r.trigger().startsWith("event "))
            .flatMap(r -> java.util.Arrays.stream(r.trigger().substring(6).split("\\|")).map(type -> Map.entry(type, r)))
            .collect(Collectors.groupingBy(e -> e.getValue().page(), Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));

    /**
     * The checked part of the table: trigger → reachable calls, as {@code PageScript} reads it from a page.
     * Triggers that cost no request are left out on both sides: the pages' event switches name only the
     * events they react to with a request, the store applying every event.
     */
    static Map<String, Set<String>> fingerprint(String page) {
        Map<String, Set<String>> table = new TreeMap<>();
        for (Reaction r : of(page)) {
            if (!r.trigger().startsWith("user ") && !r.calls().isEmpty()) {
                table.put(r.trigger(), r.calls().stream().map(Call::api).collect(Collectors.toCollection(TreeSet::new)));
            }
        }
        return table;
    }
}
