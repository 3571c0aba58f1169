package fr.clavardage.platform.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import fr.clavardage.testing.Api;
import fr.clavardage.testing.ModuleDeployment;
import fr.clavardage.testing.OnEachDatabase;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Many more simultaneous requests than the pool has connections (the test deployment's pool holds
 * {@link ModuleDeployment#POOL_SIZE}), each of a kind that asks the host's directory (which reads the
 * same database through the same pool), some of them missing its cache on purpose. A request that held
 * a connection while waiting for a second one would starve the pool: requests would hang until the
 * pool's timeout and fail with 500. All must complete, with no server error.
 */
@OnEachDatabase
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConcurrentRequestsIT {

    private static final int REQUESTS = 96;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ModuleDeployment.shared();
    }

    @ArquillianResource
    URL base;

    @Test
    void requestsFarBeyondThePoolSizeAllComplete() throws Exception {
        long channel = Api.as(base, "alice").post("api/v1/channels",
                Map.of("displayName", "Heure de pointe", "name", "heure-de-pointe-" + java.util.UUID.randomUUID().toString().substring(0, 8)))
                .json().get("id").asLong();
        Api.as(base, "alice").post("api/v1/channels/" + channel + "/members", Map.of("userId", "u-bruno"));
        List<Function<Integer, Api.Reply>> kinds = List.of(
                // Unknown ids: the directory cache misses and asks the host each time.
                i -> Api.as(base, "bruno").get("api/v1/users/u-ghost-" + i),
                i -> Api.as(base, "alice").post("api/v1/channels/" + channel + "/members", Map.of("userId", "u-ghost-" + i)),
                i -> Api.as(base, "alice").post("api/v1/channels/" + channel + "/posts",
                        Map.of("message", "Message " + i, "recipients", List.of("u-bruno"))),
                i -> Api.as(base, "bruno").get("api/v1/users?q=a&limit=50"),
                i -> Api.as(base, "chloe").get("api/v1/users/me"),
                i -> Api.as(base, "david").patch("api/v1/users/u-david", Map.of("nickname", "Dav " + i)));
        ExecutorService pool = Executors.newFixedThreadPool(REQUESTS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Reply>> replies = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            int n = i;
            Callable<Api.Reply> call = () -> {
                start.await();
                return kinds.get(n % kinds.size()).apply(n);
            };
            replies.add(pool.submit(call));
        }
        long began = System.nanoTime();
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).as("every request finished").isTrue();
        Duration took = Duration.ofNanos(System.nanoTime() - began);
        for (Future<Api.Reply> reply : replies) {
            assertThat(reply.get().status()).as(reply.get().toString()).isLessThan(500);
        }
        // Well under the pool's own timeout: nothing queued behind a starved pool.
        assertThat(took).isLessThan(ModuleDeployment.POOL_TIMEOUT);
        // The database is shared with other classes: give David his own name back.
        Api.as(base, "david").patch("api/v1/users/u-david", Map.of("nickname", ""));
        System.out.println(REQUESTS + " concurrent requests on a pool of " + ModuleDeployment.POOL_SIZE + " took "
                + took.toMillis() + " ms");
    }
}
