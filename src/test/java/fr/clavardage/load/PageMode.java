package fr.clavardage.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Users who behave exactly like the shipped pages: {@link PageModel}'s table says which requests each
 * start-up, stream opening, timer and event causes, with the pages' conditions, debounces and
 * throttles. Each user has the window and/or the widget open ({@code --pages}) on one shared stream,
 * joins its five channels beforehand (as if on an earlier day), opens one of them in the window and
 * types and sends a post there about once a minute ({@code --post-every}).
 */
final class PageMode implements Mix {

    /** One open page: the channel on screen and what the page believes of it. */
    static final class Page {
        final String kind;
        volatile long open;
        volatile boolean openUnread;
        final Map<String, ScheduledFuture<?>> debounced = new ConcurrentHashMap<>();
        final Map<String, Long> lastThrottled = new ConcurrentHashMap<>();
        /** The page has subscribed to the stream: it hears each opening from then on. */
        volatile boolean started;
        /** Completes when the page first hears the stream open. */
        volatile CompletableFuture<Void> opening = new CompletableFuture<>();
        /** The page has begun reading its lists: an opening from now on makes it read them again. */
        volatile boolean readsBegan;

        Page(String kind) {
            this.kind = kind;
        }
    }

    static final class PageState {
        /** Answers the browser keeps (Cache-Control max-age): asked for once per simulated browser. */
        final java.util.Set<String> cached = ConcurrentHashMap.newKeySet();
        final List<Page> pages = new ArrayList<>();
    }

    @Override
    public CompletableFuture<Void> start(SimUser user) {
        RunContext run = user.run;
        PageState state = new PageState();
        for (String kind : run.options.pages()) {
            state.pages.add(new Page(kind));
        }
        CompletableFuture<Void> ready = CompletableFuture.completedFuture(null);
        for (long channel : run.company.officeChannels(user.index)) {
            ready = ready.thenCompose(v -> Mix.anyway(user.join(channel)));
        }
        ready = ready.thenRun(() -> user.state = state);
        for (Page page : state.pages) {
            ready = ready.thenCompose(v -> react(user, page, PageModel.reaction(page.kind, "start"), null)).thenRun(() -> {
                run.ledger.joined(run.company.generalId(), user.index, System.nanoTime());
                startTimers(user, page);
            });
        }
        return ready.thenRun(() -> {
            Page window = state.pages.get(0);
            if (!user.channels.isEmpty()) {
                window.open = user.pick(user.channels);
                react(user, window, PageModel.reaction(window.kind, "user opens a channel"), null);
            }
            run.later(Duration.ofMillis(ThreadLocalRandom.current().nextLong(Math.max(1, run.options.postEvery().toMillis()))),
                    () -> sendLoop(user, window));
        });
    }

    private static void sendLoop(SimUser user, Page window) {
        react(user, window, PageModel.reaction(window.kind, "user types and sends"), null);
        user.run.later(Mix.around(user.run.options.postEvery()), () -> sendLoop(user, window));
    }

    private static void startTimers(SimUser user, Page page) {
        for (PageModel.Reaction reaction : PageModel.of(page.kind)) {
            if (reaction.trigger().startsWith("every ")) {
                long ms = Long.parseLong(reaction.trigger().replaceAll("\\D", ""));
                user.run.scheduler.scheduleAtFixedRate(() -> {
                    if (!user.run.stopping()) {
                        react(user, page, reaction, null);
                    }
                }, ms, ms, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** The stream (re)opened: EventSource's onopen, passed to every page. */
    static void onStreamOpen(SimUser user) {
        PageState state = (PageState) user.state;
        for (Page page : state.pages) {
            if (page.started) {
                heardOpening(user, page);
            }
        }
    }

    /** The page reacts as it is now (before or after its reads began), then stops waiting to read. */
    private static CompletableFuture<Void> heardOpening(SimUser user, Page page) {
        CompletableFuture<Void> reaction = react(user, page, PageModel.reaction(page.kind, "stream.open"), null);
        page.opening.complete(null);
        return reaction;
    }

    /** An event on the user's stream; {@code event} parses it, only for a page whose reaction makes calls. */
    static void onEvent(SimUser user, String type, java.util.function.Supplier<JsonNode> event) {
        PageState state = (PageState) user.state;
        JsonNode parsed = null;
        for (Page page : state.pages) {
            PageModel.Reaction reaction = PageModel.onEvent(page.kind, type);
            if (page.started && reaction != null && !reaction.calls().isEmpty()) {
                if (parsed == null) {
                    parsed = event.get();
                }
                react(user, page, reaction, parsed);
            }
        }
    }

    /** Makes a reaction's calls one after the other, as the pages await them; debounced ones apart. */
    static CompletableFuture<Void> react(SimUser user, Page page, PageModel.Reaction reaction, JsonNode event) {
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        if (reaction == null) {
            return chain;
        }
        boolean background = !reaction.trigger().equals("start") && !reaction.trigger().startsWith("user ");
        for (PageModel.Call call : reaction.calls()) {
            if (!holds(user, page, call, event)) {
                continue;
            }
            if (call.throttleMs() > 0) {
                long now = System.currentTimeMillis();
                Long last = page.lastThrottled.get(call.api());
                if (last != null && now - last < call.throttleMs()) {
                    continue;
                }
                page.lastThrottled.put(call.api(), now);
            }
            if (call.debounceMs() > 0) {
                ScheduledFuture<?> previous = page.debounced.put(call.api(), user.run.scheduler.schedule(
                        () -> {
                            if (!user.run.stopping()) {
                                issue(user, page, call.api(), true);
                            }
                        }, call.debounceMs(), TimeUnit.MILLISECONDS));
                if (previous != null) {
                    previous.cancel(false);
                }
                continue;
            }
            chain = chain.thenCompose(v -> issue(user, page, call.api(), background));
        }
        return chain;
    }

    private static boolean holds(SimUser user, Page page, PageModel.Call call, JsonNode event) {
        PageModel.When when = call.when();
        JsonNode data = event == null ? null : event.get("data");
        String type = event == null ? "" : event.path("type").asText();
        boolean created = type.equals("post.created") && data != null;
        boolean byOther = created && !user.userId.equals(data.path("authorId").asText());
        boolean here = event != null && event.path("channelId").asLong(-1) == page.open;
        return switch (when) {
            case ALWAYS -> true;
            case OPEN_CHANNEL_UNREAD -> page.openUnread;
            case CREATED_HERE_WHILE_UNREAD -> created && here && page.openUnread;
            case CREATED_BY_OTHER -> byOther;
            case CREATED_BY_OTHER_ELSEWHERE -> byOther && !here;
            case CREATED_BY_OTHER_HERE -> byOther && here;
            case BROWSER_CACHE_MISS -> ((PageState) user.state).cached.add(call.api());
            case NOT_IN_STEADY_STATE, NOT_SIMULATED -> false;
            case OPENED_AFTER_READS -> page.readsBegan;
        };
    }

    private static CompletableFuture<Void> issue(SimUser user, Page page, String api, boolean background) {
        String action = page.kind + " " + api;
        return switch (api) {
            case "session" -> user.get(action, "me").thenAccept(r -> { });
            case "users" -> user.call(action, "GET", "users", null, background).thenAccept(r -> { });
            case "emoji" -> user.get(action, "emoji").thenAccept(r -> { });
            case "channels" -> user.call(action, "GET", "channels", null, background).thenAccept(reply -> {
                List<Long> ids = SimUser.channelIds(reply);
                if (page.open == 0 && !ids.isEmpty()) {
                    page.open = ids.get(0);
                }
                JsonNode list = reply.ok() ? reply.json() : null;
                if (list != null && list.isArray()) {
                    for (JsonNode channel : list) {
                        if (channel.get("id").asLong() == page.open) {
                            page.openUnread = channel.path("unread").asBoolean(false);
                        }
                    }
                }
            });
            case "posts" -> page.open == 0 ? CompletableFuture.completedFuture(null)
                    : user.call(action, "GET", "channels/" + page.open + "/posts?limit=" + PageModel.PAGE_SIZE.get(page.kind),
                            null, background).thenAccept(r -> { });
            case "markRead" -> {
                page.openUnread = false;
                yield user.call(action, "POST", "channels/" + page.open + "/read", null, false).thenAccept(r -> { });
            }
            case "activity" -> user.call(action, "POST", "me/activity", null, false).thenAccept(r -> { });
            case "typing" -> user.call(action, "POST", "channels/" + page.open + "/typing", null, false).thenAccept(r -> { });
            case "send" -> user.post(page.open).thenAccept(r -> { });
            case PageModel.STREAM -> {
                // From here the page hears the stream open: at once if another page already holds it
                // (the shared worker says so), else when the connection's headers arrive. It waits for
                // that, at most STREAM_WAIT_MS, before it reads its lists.
                page.started = true;
                if (user.stream.isOpen()) {
                    heardOpening(user, page);
                } else {
                    Mix.anyway(user.stream.open());
                }
                yield page.opening.copy().completeOnTimeout(null, PageModel.STREAM_WAIT_MS, TimeUnit.MILLISECONDS)
                        .thenRun(() -> page.readsBegan = true);
            }
            case PageModel.RELOAD -> {
                // A new page: it waits for the stream and reads its lists afresh.
                page.readsBegan = false;
                page.opening = new CompletableFuture<>();
                yield react(user, page, PageModel.reaction(page.kind, "start"), null);
            }
            default -> throw new IllegalStateException("The page model names " + api + ", which the tool cannot make");
        };
    }
}
