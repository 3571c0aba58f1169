package fr.clavardage.host.demo;

import fr.clavardage.host.PermissionChecker;
import fr.clavardage.host.UserDirectory;
import fr.clavardage.host.sql.SqlUserDirectory;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The demo host's user directory and permissions: the module's SQL directory over the demo's own
 * {@code demo_user} table, plus the desktop layouts the demo keeps per user. Enabled alternatives
 * win over the module's producers of the same SPI types (docs/host-integration.md, section 7).
 */
@ApplicationScoped
@Alternative
@Priority(DemoUsers.PRIORITY)
@Typed({DemoUsers.class, UserDirectory.class, PermissionChecker.class})
public class DemoUsers extends SqlUserDirectory {

    /** Enables the demo's alternatives for the whole application, with no beans.xml entry. */
    static final int PRIORITY = 100;

    private static final String QUERY = "select id, login, full_name, email, active, can_chat, is_admin from demo_user";

    private final DemoHost host;

    /** For CDI's proxy only. */
    protected DemoUsers() {
        super(null, null);
        this.host = null;
    }

    @Inject
    public DemoUsers(DemoHost host) {
        super(host::dataSource, () -> QUERY);
        this.host = host;
    }

    /** The user's saved desktop layout (a JSON array), or "[]". */
    String layout(String userId) {
        try (Connection connection = host.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement("select layout from demo_desktop_layout where user_id = ?")) {
            statement.setString(1, userId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : "[]";
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Demo desktop layout unavailable", e);
        }
    }

    void saveLayout(String userId, String layout) {
        try (Connection connection = host.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement delete = connection.prepareStatement("delete from demo_desktop_layout where user_id = ?");
                 PreparedStatement insert = connection.prepareStatement("insert into demo_desktop_layout (user_id, layout) values (?, ?)")) {
                delete.setString(1, userId);
                delete.executeUpdate();
                insert.setString(1, userId);
                insert.setString(2, layout);
                insert.executeUpdate();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Demo desktop layout not saved", e);
        }
    }
}
