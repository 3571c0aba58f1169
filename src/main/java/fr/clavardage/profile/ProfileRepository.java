package fr.clavardage.profile;

import fr.clavardage.presence.ChosenStatuses;
import fr.clavardage.presence.ManualStatus;

import fr.clavardage.platform.persistence.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;

/** The only place that queries profiles and avatars. */
@ApplicationScoped
public class ProfileRepository implements ChosenStatuses {

    @Inject
    Transactions transactions;

    private EntityManager em() {
        return transactions.entityManager();
    }

    public Optional<Profile> find(String userId) {
        return Optional.ofNullable(em().find(Profile.class, userId));
    }

    /** Everyone's nickname, manual status and avatar version, without loading entities. */
    public List<ProfileSummary> summaries() {
        return em().createQuery("select new fr.clavardage.profile.ProfileSummary(p.userId, p.nickname, p.manualStatus, p.avatarVersion) from Profile p",
                ProfileSummary.class).getResultList();
    }

    /** Users who chose a status by hand, with that status. */
    public java.util.Map<String, ManualStatus> manualStatuses() {
        return em().createQuery("select p from Profile p where p.manualStatus is not null", Profile.class)
                .getResultStream().collect(java.util.stream.Collectors.toMap(Profile::userId, Profile::manualStatus));
    }

    /** Manual statuses of these users (those without one are left out), for presence. */
    @Override
    public java.util.Map<String, ManualStatus> of(java.util.Collection<String> userIds) {
        if (userIds.size() > 500) {
            return manualStatuses();
        }
        return userIds.isEmpty() ? java.util.Map.of() : em()
                .createQuery("select p from Profile p where p.manualStatus is not null and p.userId in :ids", Profile.class)
                .setParameter("ids", userIds)
                .getResultStream().collect(java.util.stream.Collectors.toMap(Profile::userId, Profile::manualStatus));
    }

    public void flush() {
        em().flush();
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
