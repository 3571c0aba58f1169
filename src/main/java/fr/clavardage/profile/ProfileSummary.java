package fr.clavardage.profile;

import fr.clavardage.presence.ManualStatus;

/** What the users column needs of a chat profile, read for everyone in one query. */
public record ProfileSummary(String userId, String nickname, ManualStatus manualStatus, int avatarVersion) {

    static final ProfileSummary NONE = new ProfileSummary(null, null, null, 0);
}
