package fr.clavardage.platform.security;

import fr.clavardage.platform.error.ClavardageException;
import jakarta.enterprise.context.RequestScoped;

/** Holds the authenticated caller of the current request, set by {@link AuthenticationFilter}. */
@RequestScoped
public class CurrentActor {

    private Actor actor;

    void set(Actor actor) {
        this.actor = actor;
    }

    public Actor get() {
        if (actor == null) {
            throw ClavardageException.unauthenticated("Sign in to the ERP first.");
        }
        return actor;
    }
}
