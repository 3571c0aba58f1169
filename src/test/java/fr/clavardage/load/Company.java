package fr.clavardage.load;

import java.util.List;

/**
 * The seeded company as the tool uses it: General, and the public channels users join (names
 * {@code load-pub-NNNN}, in name order). Private groups are learnt by each user from its own
 * {@code GET /channels}.
 */
record Company(long generalId, List<Long> publicChannels) {

    static String login(int user) {
        return String.format("load%04d", user + 1);
    }

    static String userId(int user) {
        return "u-" + login(user);
    }

    /**
     * The public channels user {@code user} joins in the office scenario: five consecutive ones, so
     * with N/10 channels each has about fifty members. The choice is fixed, so reruns agree.
     */
    List<Long> officeChannels(int user) {
        int count = publicChannels.size();
        int per = Math.min(5, count);
        Long[] chosen = new Long[per];
        for (int j = 0; j < per; j++) {
            chosen[j] = publicChannels.get((user * per + j) % count);
        }
        return List.of(chosen);
    }
}
