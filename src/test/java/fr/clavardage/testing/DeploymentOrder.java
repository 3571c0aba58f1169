package fr.clavardage.testing;

import java.util.Comparator;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * The order of test classes in a run (set in {@code junit-platform.properties}): those marked
 * {@link OwnDeployment} last, the others as Failsafe lists them. The classes sharing the module's
 * deployment thus run one after the other, and it is deployed once per run rather than again after
 * each class that needed a deployment of its own (see {@link SharedDeployments}).
 */
public class DeploymentOrder implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        // List.sort is stable: within each group, the order stays Failsafe's.
        context.getClassDescriptors().sort(Comparator.comparing(c -> c.isAnnotated(OwnDeployment.class)));
    }
}
