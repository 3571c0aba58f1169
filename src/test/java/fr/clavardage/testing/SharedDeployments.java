package fr.clavardage.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jboss.arquillian.container.spi.Container;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.ContainerRegistry;
import org.jboss.arquillian.container.spi.client.deployment.Deployment;
import org.jboss.arquillian.container.spi.client.deployment.DeploymentScenario;
import org.jboss.arquillian.container.spi.event.DeployManagedDeployments;
import org.jboss.arquillian.container.spi.event.UnDeployDeployment;
import org.jboss.arquillian.container.spi.event.UnDeployManagedDeployments;
import org.jboss.arquillian.container.spi.event.container.BeforeStop;
import org.jboss.arquillian.core.api.Event;
import org.jboss.arquillian.core.api.Instance;
import org.jboss.arquillian.core.api.InstanceProducer;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.EventContext;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.arquillian.test.spi.annotation.ClassScoped;
import org.jboss.shrinkwrap.api.Archive;

/**
 * An Arquillian extension (registered in {@code META-INF/services}) that deploys an archive marked with
 * {@link #share} once for all the test classes that return it from their {@code @Deployment} method,
 * instead of once per class, and keeps it deployed from one such class to the next.
 *
 * <p>Arquillian keeps what a deployment left behind (the URL it answers on, the adapter's handle to
 * undeploy it) in a context of its own, tied to the {@link Deployment} object of the class that
 * deployed it. So a later class is not given a second deployment of the same archive: it is switched
 * to the scenario of the class that deployed it, and runs against the very same {@link Deployment}.
 * Only deploy and undeploy are skipped; Arquillian still calls every class's {@code @Deployment}
 * method, checks it, and activates the deployment's contexts around every test as usual.
 *
 * <p>Only one copy of the module may run at a time in a test JVM: the module's classes come from the
 * test classpath (parent-first loading), so its deployments share one Weld container, which the first
 * of them to stop would take down. So before a class deploys an archive of its own, the shared one is
 * undeployed; the next class that shares it deploys it again, on the same database.
 * {@link DeploymentOrder} runs the classes that share first, so that this rarely happens.
 */
public final class SharedDeployments implements LoadableExtension {

    private static final Logger LOG = Logger.getLogger(SharedDeployments.class.getName());

    /** By identity: the same archive object, not an equal one, is what classes share. */
    private static final Set<Archive<?>> SHARED = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

    /** Marks {@code archive} as shared by every class whose {@code @Deployment} returns it; returns it. */
    public static <A extends Archive<?>> A share(A archive) {
        SHARED.add(archive);
        return archive;
    }

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(Keeper.class);
    }

    /** The observer Arquillian creates once and injects; it keeps the shared deployments alive. */
    public static final class Keeper {

        @Inject
        @ClassScoped
        private InstanceProducer<DeploymentScenario> scenario;

        @Inject
        private Instance<ContainerRegistry> containers;

        @Inject
        private Event<UnDeployDeployment> undeploy;

        /** Each shared archive in place, with the scenario that deployed it. */
        private final Map<Archive<?>, DeploymentScenario> live = new IdentityHashMap<>();

        /** Before a class: runs it on the shared deployment in place, or makes way for what it deploys. */
        public void deploy(@Observes EventContext<DeployManagedDeployments> context) {
            DeploymentScenario current = scenario.get();
            List<Archive<?>> shared = current == null ? List.of() : sharedArchives(current);
            if (shared.isEmpty()) {
                if (current != null && !current.managedDeploymentsInDeployOrder().isEmpty()) {
                    undeployAll(null);
                }
                context.proceed();
                return;
            }
            DeploymentScenario first = live.get(shared.get(0));
            if (first != null && shared.stream().allMatch(a -> live.get(a) == first)) {
                scenario.set(first);
                return;
            }
            undeployAll(null);
            context.proceed();
            // Only a deployment that went through is worth keeping; after a failure the next class tries again.
            if (current.deployments().stream().allMatch(Deployment::isDeployed)) {
                shared.forEach(a -> live.put(a, current));
            }
        }

        /** After a class: leaves the shared deployment in place for the next one. */
        public void keep(@Observes EventContext<UnDeployManagedDeployments> context) {
            if (!live.containsValue(scenario.get())) {
                context.proceed();
            }
        }

        /** The container is about to stop: take the shared deployments down first, as a class would. */
        public void undeployBeforeStop(@Observes BeforeStop event) {
            undeployAll(event.getDeployableContainer());
        }

        /** Undeploys the shared deployments in place (on {@code target} only, unless null). */
        private void undeployAll(DeployableContainer<?> target) {
            ContainerRegistry registry = containers.get();
            Set<DeploymentScenario> scenarios = Collections.newSetFromMap(new IdentityHashMap<>());
            scenarios.addAll(live.values());
            for (DeploymentScenario each : scenarios) {
                for (Deployment deployment : each.deployedDeploymentsInUnDeployOrder()) {
                    Container<?> container = registry.getContainer(deployment.getDescription().getTarget());
                    if (container == null || target != null && container.getDeployableContainer() != target) {
                        continue;
                    }
                    try {
                        undeploy.fire(new UnDeployDeployment(container, deployment));
                    } catch (Exception e) {
                        // Not a test's failure; the container stops or the next deployment starts anyway.
                        LOG.log(Level.WARNING, "Could not undeploy the shared " + deployment.getDescription().getName(), e);
                    }
                }
            }
            live.values().removeIf(s -> s.deployedDeployments().isEmpty());
        }

        private static List<Archive<?>> sharedArchives(DeploymentScenario scenario) {
            List<Archive<?>> shared = new ArrayList<>();
            int archives = 0;
            for (Deployment deployment : scenario.deployments()) {
                if (deployment.getDescription().isArchiveDeployment()) {
                    archives++;
                    Archive<?> archive = deployment.getDescription().getArchive();
                    if (SHARED.contains(archive)) {
                        shared.add(archive);
                    }
                }
            }
            if (!shared.isEmpty() && (shared.size() != archives || archives != scenario.deployments().size())) {
                throw new IllegalStateException("A test class shares all of its deployments or none of them");
            }
            return shared;
        }
    }
}
