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
     * node they take turns here, so the second finds the profile the first created instead of
     * racing it to the same row and waiting on its lock, which on a busy server timed out into a 500.
     */
    private final Object[] arrivals = new Object[64];

    @Inject
    ProfileService profiles;

    public UserBootstrap() {
        for (int i = 0; i < arrivals.length; i++) {
            arrivals[i] = new Object();
        }
    }

    void onArrival(@Observes CallerArrived caller) {
        ensureKnown(caller.userId());
    }

    public void ensureKnown(String userId) {
        if (known.contains(userId)) {
            return;
        }
        synchronized (arrivals[Math.floorMod(userId.hashCode(), arrivals.length)]) {
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
