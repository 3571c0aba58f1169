package fr.clavardage.load;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/** How simulated users behave. A mix starts a user and keeps scheduling its actions until the run stops. */
interface Mix {

    /** The user's first requests and its stream; completes once the user is connected (or gave up). */
    CompletableFuture<Void> start(SimUser user);

    static Mix named(String name) {
        return switch (name) {
            case "office" -> new OfficeMix(true);
            case "idle" -> new OfficeMix(false);
            case "mattermost" -> new MattermostMix();
            case "page" -> new PageMode();
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** A wait drawn uniformly between half and one and a half times {@code mean}: regular, never in step. */
    static Duration around(Duration mean) {
        return Duration.ofMillis((long) (mean.toMillis() * (0.5 + ThreadLocalRandom.current().nextDouble())));
    }

    /** An exponentially distributed wait of the given mean (independent actions), capped at five means. */
    static Duration exponential(Duration mean) {
        double draw = -Math.log(1 - ThreadLocalRandom.current().nextDouble());
        return Duration.ofMillis((long) (mean.toMillis() * Math.min(draw, 5)));
    }

    /** Continues a chain whatever happened to the previous step (failures are already counted). */
    static <T> CompletableFuture<Void> anyway(CompletableFuture<T> step) {
        return step.handle((value, failure) -> null);
    }
}
