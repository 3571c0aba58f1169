package fr.clavardage.host.container;

import fr.clavardage.host.HostAuthentication;
import fr.clavardage.host.sql.SqlUserDirectory;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * The standard way: the host's servlet container (or the host's own filter or SSO valve in front of
 * the module) authenticates the request, and the module reads the result, the remote user's login.
 * A browser cannot set it: only the container does, after checking credentials.
 */
public class ContainerAuthentication implements HostAuthentication {

    private final SqlUserDirectory directory;

    public ContainerAuthentication(SqlUserDirectory directory) {
        this.directory = directory;
    }

    @Override
    public Optional<String> authenticatedUserId(HttpServletRequest request) {
        String login = request.getRemoteUser();
        if (login == null) {
            return Optional.empty();
        }
        return directory.byColumn("login", login).filter(u -> u.user().active()).map(u -> u.user().id());
    }
}
