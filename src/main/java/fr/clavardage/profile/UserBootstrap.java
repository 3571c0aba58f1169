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

    @Inject
    ProfileService profiles;

    void onArrival(@Observes CallerArrived caller) {
        ensureKnown(caller.userId());
    }

    public void ensureKnown(String userId) {
        if (known.contains(userId)) {
            return;
        }
        try {
            profiles.createIfMissing(userId);
        } catch (RuntimeException raced) {
            // Two first requests at once: one created the profile, the other lost the insert race.
            if (!profiles.exists(userId)) {
                throw raced;
            }
        }
        known.add(userId);
    }
}
