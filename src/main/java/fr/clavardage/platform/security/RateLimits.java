package fr.clavardage.platform.security;

import fr.clavardage.platform.config.ModuleConfig;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-user token buckets (Bucket4j), on this node: {@value #POSTS} messages sent and {@value #WRITES}
 * writes of any kind per minute, each allowing a burst of a whole minute's worth. The defaults are far
 * above what a person does (and what the load tool's users do), so they stop floods, not use.
 */
@ApplicationScoped
public class RateLimits {

    public static final String POSTS = "clavardage.limit.posts";
    public static final String WRITES = "clavardage.limit.writes";
    public static final int DEFAULT_POSTS = 600;
    public static final int DEFAULT_WRITES = 1800;

    private final int postsPerMinute = ModuleConfig.get(POSTS).map(Integer::parseInt).orElse(DEFAULT_POSTS);
    private final int writesPerMinute = ModuleConfig.get(WRITES).map(Integer::parseInt).orElse(DEFAULT_WRITES);
    private final Map<String, Bucket> posts = new ConcurrentHashMap<>();
    private final Map<String, Bucket> writes = new ConcurrentHashMap<>();

    /** Takes one post from the user's allowance; the wait before the next one when there is none left. */
    OptionalLong post(String userId) {
        return take(posts, userId, postsPerMinute);
    }

    /** Takes one write from the user's allowance; the wait before the next one when there is none left. */
    OptionalLong write(String userId) {
        return take(writes, userId, writesPerMinute);
    }

    /** 0 switches a limit off. */
    private static OptionalLong take(Map<String, Bucket> buckets, String userId, int perMinute) {
        if (perMinute <= 0) {
            return OptionalLong.empty();
        }
        Bucket bucket = buckets.computeIfAbsent(userId, id -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? OptionalLong.empty() : OptionalLong.of(probe.getNanosToWaitForRefill());
    }
}
