package fr.clavardage.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Who waits for whom when users arrive for the first time. Creating a profile is held open here (the
 * real one commits through the event tail, which takes seconds on an overloaded node), so the test
 * sees who is kept waiting meanwhile. The creation itself is tested against the databases by the ITs.
 */
class UserBootstrapTest {

    /** Creates nothing; records each creation and holds the one of {@code slowUser} until released. */
    private static final class HeldProfiles extends ProfileService {
        final String slowUser;
        final CountDownLatch slowStarted = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        /** Every call, as it begins. */
        final List<String> calls = new CopyOnWriteArrayList<>();
        final Set<String> existing = ConcurrentHashMap.newKeySet();

        HeldProfiles(String slowUser) {
            this.slowUser = slowUser;
        }

        @Override
        public void createIfMissing(String userId) {
            calls.add(userId);
            if (userId.equals(slowUser)) {
                slowStarted.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            existing.add(userId);
        }

        @Override
        public boolean exists(String userId) {
            return existing.contains(userId);
        }
    }

    private final ExecutorService threads = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    private static UserBootstrap bootstrap(ProfileService profiles) {
        UserBootstrap bootstrap = new UserBootstrap();
        bootstrap.profiles = profiles;
        return bootstrap;
    }

    @Test
    void aNewcomerDoesNotWaitForAnotherUsersFirstRequest() throws Exception {
        HeldProfiles profiles = new HeldProfiles("u-slow");
        UserBootstrap bootstrap = bootstrap(profiles);
        Future<?> slow = threads.submit(() -> bootstrap.ensureKnown("u-slow"));
        assertThat(profiles.slowStarted.await(5, TimeUnit.SECONDS)).isTrue();

        // Enough of them that a lock shared by a group of users (say, striped by hash) would catch some.
        for (int i = 0; i < 200; i++) {
            String newcomer = "u-other-" + i;
            threads.submit(() -> bootstrap.ensureKnown(newcomer)).get(5, TimeUnit.SECONDS);
        }
        assertThat(profiles.existing).hasSize(200).doesNotContain("u-slow");
        assertThat(slow.isDone()).as("the slow creation is still held").isFalse();

        profiles.release.countDown();
        slow.get(5, TimeUnit.SECONDS);
        assertThat(profiles.existing).hasSize(201).contains("u-slow");
    }

    @Test
    void oneUsersSimultaneousFirstRequestsTakeTurnsAndCreateOnce() throws Exception {
        HeldProfiles profiles = new HeldProfiles("u-alice");
        UserBootstrap bootstrap = bootstrap(profiles);
        Thread first = new Thread(() -> bootstrap.ensureKnown("u-alice"));
        first.start();
        assertThat(profiles.slowStarted.await(5, TimeUnit.SECONDS)).isTrue();
        Thread second = new Thread(() -> bootstrap.ensureKnown("u-alice"));
        Thread third = new Thread(() -> bootstrap.ensureKnown("u-alice"));
        second.start();
        third.start();
        // Both are stopped behind the first: on its lock, or (were there none) inside a creation of their own.
        for (Thread t : List.of(second, third)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (t.getState() != Thread.State.BLOCKED && t.getState() != Thread.State.WAITING
                    && t.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
        }

        profiles.release.countDown();
        for (Thread t : List.of(first, second, third)) {
            t.join(5_000);
        }
        assertThat(profiles.calls).as("one creation; the others found the profile the first made").containsExactly("u-alice");
        bootstrap.ensureKnown("u-alice");
        assertThat(profiles.calls).as("known from then on, without asking again").hasSize(1);
    }
}
