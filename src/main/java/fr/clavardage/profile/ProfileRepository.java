package fr.clavardage.profile;

import fr.clavardage.platform.persistence.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;

/** The only place that queries profiles and avatars. */
@ApplicationScoped
public class ProfileRepository {

    @Inject
    Transactions transactions;

    private EntityManager em() {
        return transactions.entityManager();
    }

    public Optional<Profile> find(String userId) {
        return Optional.ofNullable(em().find(Profile.class, userId));
    }

    public List<Profile> all() {
        return em().createQuery("select p from Profile p", Profile.class).getResultList();
    }

    /** Users who chose a status by hand, with that status. */
    public java.util.Map<String, ManualStatus> manualStatuses() {
        return em().createQuery("select p from Profile p where p.manualStatus is not null", Profile.class)
                .getResultStream().collect(java.util.stream.Collectors.toMap(Profile::userId, Profile::manualStatus));
    }

    public void add(Profile profile) {
        em().persist(profile);
        em().flush();
    }

    public Optional<Avatar> avatar(String userId) {
        return Optional.ofNullable(em().find(Avatar.class, userId));
    }

    public void add(Avatar avatar) {
        em().persist(avatar);
    }

    public void remove(Avatar avatar) {
        em().remove(avatar);
    }
}
