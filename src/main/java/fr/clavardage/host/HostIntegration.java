package fr.clavardage.host;

import fr.clavardage.host.container.ContainerAuthentication;
import fr.clavardage.host.sql.SqlUserDirectory;
import fr.clavardage.platform.config.ModuleConfig;
import fr.clavardage.platform.persistence.DataSources;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

/**
 * The host SPI implementation the WAR brings by itself: the servlet container authenticates
 * ({@code request.getRemoteUser()}), and {@code clavardage.host.users-query} reads the host's users
 * and rights from its own tables.
 *
 * <p>A host that needs more ships its own implementations as {@code @Alternative @Priority} beans in a
 * jar of its own (a bean archive added to the webapp); CDI then prefers them to these producers. The
 * demo host is such a jar: the WAR knows nothing of it (docs/host-integration.md, section 7).
 */
@ApplicationScoped
public class HostIntegration {

    public static final String USERS_QUERY = "clavardage.host.users-query";

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
        return new ContainerAuthentication(containerDirectory());
    }

    @Produces
    @ApplicationScoped
    UserDirectory directory() {
        return containerDirectory();
    }

    @Produces
    @ApplicationScoped
    PermissionChecker permissions() {
        return containerDirectory();
    }
}
