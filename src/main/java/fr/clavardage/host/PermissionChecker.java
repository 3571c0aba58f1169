package fr.clavardage.host;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Host SPI: does a user hold a permission declared in {@code module-descriptor.xml}. */
public interface PermissionChecker {

    boolean hasPermission(String userId, String permission);

    /**
     * Which of {@code permissions} each of {@code userIds} holds. The default asks one question at a
     * time; a host that can answer for many users at once (one query) should override it.
     */
    default Map<String, Set<String>> grants(Collection<String> userIds, Set<String> permissions) {
        Map<String, Set<String>> answer = new HashMap<>();
        for (String userId : userIds) {
            Set<String> held = new HashSet<>();
            for (String permission : permissions) {
                if (hasPermission(userId, permission)) {
                    held.add(permission);
                }
            }
            answer.put(userId, held);
        }
        return answer;
    }
}
