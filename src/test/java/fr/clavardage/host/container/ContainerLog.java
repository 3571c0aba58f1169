package fr.clavardage.host.container;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What a servlet container's log must not say about the module: the warnings a host's administrator
 * sees at undeploy when a webapp leaks (threads left running, thread-locals left set, JDBC drivers left
 * registered), Weld's warnings about request contexts left on a thread, and errors.
 */
final class ContainerLog {

    /** Tomcat's leak detector, Weld's context-leak warnings (WELD-000225 bean store, 000714/000715 guard), errors. */
    static final Pattern TROUBLE = Pattern.compile(
            "failed to stop it|ThreadLocal with key|failed to unregister it|memory leak|"
                    + "WELD-000225|WELD-00071[0-9]|WELD-000335|guard leak|[Bb]ean store leak|"
                    + "SEVERE|\\bERROR\\b|Exception|Lost the PostgreSQL listener");

    private ContainerLog() {
    }

    /** The lines of {@code log} from {@code from} (inclusive) to {@code to} (exclusive) that show trouble. */
    static List<String> trouble(List<String> log, int from, int to) {
        return log.subList(from, Math.min(to, log.size())).stream()
                .filter(line -> TROUBLE.matcher(line).find())
                .toList();
    }

    static List<String> trouble(List<String> log) {
        return trouble(log, 0, log.size());
    }
}
