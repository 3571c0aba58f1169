package fr.clavardage.profile;

import jakarta.enterprise.context.ApplicationScoped;
import fr.clavardage.platform.security.CallerArrived;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gives a host user their chat profile and seat in General the first time they use the chat. Checked
 * on every request, so the answer is remembered in memory after the first time.
 */
@ApplicationScoped
public class UserBootstrap {

    private final Set<String> known = ConcurrentHashMap.newKeySet();
    /**
     * A user's first requests often come together (the page loads several things at once). On one
     * node they take turns on a lock of that user's own, so the second finds the profile the first
     * created instead of racing it to the same row and waiting on its lock (on a busy server that
     * timed out into a 500). Other users never wait for them: their first request may commit through
     * the serialized event tail, which takes seconds on an overloaded node.
     */
    private final ConcurrentHashMap<String, Object> arriving = new ConcurrentHashMap<>();

    @Inject
    ProfileService profiles;

    void onArrival(@Observes CallerArrived caller) {
        ensureKnown(caller.userId());
    }

    public void ensureKnown(String userId) {
        if (known.contains(userId)) {
            return;
        }
        Object turn = arriving.computeIfAbsent(userId, id -> new Object());
        try {
            synchronized (turn) {
                if (known.contains(userId)) {
                    return;
                }
                try {
                    profiles.createIfMissing(userId);
                } catch (RuntimeException raced) {
                    // Another node created the profile at the same moment: its transaction commits shortly.
                    if (!createdElsewhere(userId)) {
                        throw raced;
                    }
                }
                known.add(userId);
            }
        } finally {
            // A later arrival finds the user known, or (after a failure) takes a fresh turn.
            arriving.remove(userId, turn);
        }
    }

    private boolean createdElsewhere(String userId) {
        for (int attempt = 0; attempt < 10; attempt++) {
            if (profiles.exists(userId)) {
                return true;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
