package fr.clavardage.channel;

import java.time.Instant;
import java.util.Locale;

public record MemberView(String userId, String role, Instant joinedAt) {

    static MemberView of(Membership m) {
        return new MemberView(m.userId(), m.role().name().toLowerCase(Locale.ROOT), m.joinedAt());
    }
}
