package fr.clavardage.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Mattermost's published action mix (load-test-ng's simulated users), for the features Clavardage
 * has. Relative weights: switch channel 6.5, scroll 2, unread check 1, post 1, open a direct message
 * 1, reconnect 0.14, edit 0.04. Threads 0.6, reactions 0.13 and search 0.02 have no Clavardage
 * feature and are left out. A user waits {@code --think} on average (exponentially) between actions.
 *
 * <p>Mapping: switching channel reads the newest page and marks it read; scrolling reads the page
 * before the oldest one seen; the unread check lists channels; a post goes to the channel on screen;
 * a direct message is the user's small private group (Clavardage has no DMs); a reconnect drops the
 * stream and resumes it; an edit changes one of the user's recent posts.
 */
final class MattermostMix implements Mix {

    record Weighted(String action, double weight) {
    }

    static final List<Weighted> ACTIONS = List.of(
            new Weighted("switch channel", 6.5),
            new Weighted("scroll", 2),
            new Weighted("unread check", 1),
            new Weighted("post", 1),
            new Weighted("open dm", 1),
            new Weighted("reconnect", 0.14),
            new Weighted("edit", 0.04));

    /** What the user has on screen. */
    static final class View {
        volatile long channel;
        volatile long nextBefore;
    }

    @Override
    public CompletableFuture<Void> start(SimUser user) {
        RunContext run = user.run;
        View view = new View();
        view.channel = run.company.generalId();
        user.state = view;
        CompletableFuture<Void> ready = user.get("me", "me").thenAccept(reply -> {
            if (reply.ok()) {
                run.ledger.joined(run.company.generalId(), user.index, System.nanoTime());
                user.channels.add(run.company.generalId());
            }
        }).thenCompose(v -> user.get("unread check", "channels")).thenAccept(user::learnGroups)
                .thenCompose(v -> Mix.anyway(user.stream.open()));
        for (long channel : run.company.officeChannels(user.index)) {
            ready = ready.thenCompose(v -> Mix.anyway(user.join(channel)));
        }
        return ready.thenRun(() -> {
            for (long group : user.privateGroups) {
                // Seeded groups were joined before the run: members from the start.
                run.ledger.joined(group, user.index, 0);
            }
            run.later(Mix.exponential(run.options.think()), () -> act(user));
        });
    }

    private static void act(SimUser user) {
        View view = (View) user.state;
        String action = draw();
        CompletableFuture<?> done = switch (action) {
            case "switch channel" -> open(user, view, user.pick(user.channels), "switch channel");
            case "open dm" -> user.privateGroups.isEmpty() ? CompletableFuture.completedFuture(null)
                    : open(user, view, user.pick(user.privateGroups), "open dm");
            case "scroll" -> view.nextBefore > 1
                    ? user.get("scroll", "channels/" + view.channel + "/posts?limit=50&before=" + view.nextBefore)
                            .thenAccept(reply -> view.nextBefore = nextBefore(reply))
                    : CompletableFuture.completedFuture(null);
            case "unread check" -> user.get("unread check", "channels");
            case "post" -> user.post(view.channel);
            case "reconnect" -> {
                user.stream.reconnect();
                yield CompletableFuture.completedFuture(null);
            }
            case "edit" -> user.ownPosts.isEmpty() ? CompletableFuture.completedFuture(null)
                    : user.call("edit", "PATCH", "posts/" + user.pick(new ArrayList<>(user.ownPosts)),
                            "{\"message\":\"" + SimUser.Chatter.sentence() + " (modifié)\"}", false);
            default -> throw new IllegalStateException(action);
        };
        done.whenComplete((v, e) -> user.run.later(Mix.exponential(user.run.options.think()), () -> act(user)));
    }

    private static CompletableFuture<Void> open(SimUser user, View view, long channel, String action) {
        view.channel = channel;
        return user.get(action, "channels/" + channel + "/posts?limit=50").thenCompose(reply -> {
            view.nextBefore = nextBefore(reply);
            return user.call(action + " read", "POST", "channels/" + channel + "/read", null, false);
        }).thenAccept(reply -> { });
    }

    private static long nextBefore(SimUser.Reply reply) {
        JsonNode page = reply.ok() ? reply.json() : null;
        JsonNode next = page == null ? null : page.get("nextBefore");
        return next == null || next.isNull() ? 0 : next.asLong();
    }

    private static String draw() {
        double total = ACTIONS.stream().mapToDouble(Weighted::weight).sum();
        double x = ThreadLocalRandom.current().nextDouble(total);
        for (Weighted w : ACTIONS) {
            x -= w.weight();
            if (x < 0) {
                return w.action();
            }
        }
        return ACTIONS.get(0).action();
    }
}
