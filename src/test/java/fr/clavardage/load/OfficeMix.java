package fr.clavardage.load;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The office scenario of issue 9: each user signs in ({@code GET /me}), lists its channels, reads
 * General's newest page, opens its stream, joins its five channels (of N/10 public ones, so about 50
 * members each), then posts in one of them about once a minute ({@code --post-every}).
 *
 * <p>With {@code active} false it is the idle mix: {@code GET /me} and the stream, nothing else, to
 * measure what an idle connected user costs the server.
 */
final class OfficeMix implements Mix {

    private final boolean active;

    OfficeMix(boolean active) {
        this.active = active;
    }

    @Override
    public CompletableFuture<Void> start(SimUser user) {
        RunContext run = user.run;
        CompletableFuture<Void> connected = user.get("me", "me").thenAccept(reply -> {
            if (reply.ok()) {
                // The first request seats the user in General.
                run.ledger.joined(run.company.generalId(), user.index, System.nanoTime());
            }
        });
        if (!active) {
            return connected.thenCompose(v -> Mix.anyway(user.stream.open()));
        }
        CompletableFuture<Void> ready = connected
                .thenCompose(v -> user.get("channels", "channels"))
                .thenCompose(v -> user.get("general page", "channels/" + run.company.generalId() + "/posts?limit=50"))
                .thenCompose(v -> Mix.anyway(user.stream.open()));
        for (long channel : run.company.officeChannels(user.index)) {
            ready = ready.thenCompose(v -> Mix.anyway(user.join(channel)));
        }
        return ready.thenRun(() -> run.later(Duration.ofMillis(
                ThreadLocalRandom.current().nextLong(Math.max(1, run.options.postEvery().toMillis()))), () -> postLoop(user)));
    }

    private static void postLoop(SimUser user) {
        List<Long> channels = user.channels;
        if (!channels.isEmpty()) {
            user.post(user.pick(channels));
        }
        user.run.later(Mix.around(user.run.options.postEvery()), () -> postLoop(user));
    }
}
