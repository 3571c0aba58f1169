package fr.clavardage.host;

import fr.clavardage.host.container.ContainerAuthentication;
import fr.clavardage.host.demo.DemoAuthentication;
import fr.clavardage.host.demo.DemoHost;
import fr.clavardage.host.demo.DemoUsers;
import fr.clavardage.host.sql.SqlUserDirectory;
import fr.clavardage.platform.config.ModuleConfig;
import fr.clavardage.platform.persistence.DataSources;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

/**
 * Chooses the host SPI implementation, once, from configuration:
 * <ul>
 *   <li>{@code clavardage.demo=true}: the demo host (its own user table and login picker);</li>
 *   <li>otherwise the container host: the servlet container authenticates
 *       ({@code request.getRemoteUser()}), and {@code clavardage.host.users-query} reads the host's
 *       users and rights from its own tables.</li>
 * </ul>
 * A host that needs more can ship its own implementations as {@code @Alternative @Priority} beans.
 */
@ApplicationScoped
public class HostIntegration {

    public static final String USERS_QUERY = "clavardage.host.users-query";

    @Inject
    DemoHost demo;
    @Inject
    DemoUsers demoUsers;
    @Inject
    DemoAuthentication demoAuthentication;
    @Inject
    DataSources dataSources;

    private volatile SqlUserDirectory containerDirectory;

    private SqlUserDirectory containerDirectory() {
        SqlUserDirectory directory = containerDirectory;
        if (directory == null) {
            directory = new SqlUserDirectory(dataSources::get, () -> ModuleConfig.get(USERS_QUERY).orElseThrow(
                    () -> new IllegalStateException("Set " + USERS_QUERY + " (see docs/host-integration.md)")));
            containerDirectory = directory;
        }
        return directory;
    }

    @Produces
    @ApplicationScoped
    HostAuthentication authentication() {
        return demo.enabled() ? demoAuthentication : new ContainerAuthentication(containerDirectory());
    }

    @Produces
    @ApplicationScoped
    UserDirectory directory() {
        return demo.enabled() ? demoUsers : containerDirectory();
    }

    @Produces
    @ApplicationScoped
    PermissionChecker permissions() {
        return demo.enabled() ? demoUsers : containerDirectory();
    }
}
