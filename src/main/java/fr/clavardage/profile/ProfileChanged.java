package fr.clavardage.profile;

import fr.clavardage.realtime.EventPayload;
import fr.clavardage.realtime.EventTypes;

/** A user's nickname or picture changed: what a page needs to redraw them, wherever they are shown. */
@EventPayload(EventTypes.PROFILE_CHANGED)
public record ProfileChanged(String userId, String nickname, String displayName, String avatarUrl) {

    static ProfileChanged of(UserView user) {
        return new ProfileChanged(user.id(), user.nickname(), user.displayName(), user.avatarUrl());
    }
}
