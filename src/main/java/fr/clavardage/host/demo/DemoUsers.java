package fr.clavardage.host.demo;

import fr.clavardage.host.sql.SqlUserDirectory;
import fr.clavardage.platform.persistence.DataSources;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The demo host's user directory and permissions: the generic SQL directory over the demo's own
 * {@code demo_user} table, plus the desktop layouts the demo keeps per user.
 */
@ApplicationScoped
@Typed(DemoUsers.class)
public class DemoUsers extends SqlUserDirectory {

    private static final String QUERY = "select id, login, full_name, email, active, can_chat, is_admin from demo_user";

    private final DataSources dataSources;

    /** For CDI's proxy only. */
    protected DemoUsers() {
        super(null, null);
        this.dataSources = null;
    }

    @Inject
    public DemoUsers(DemoHost host, DataSources dataSources) {
        super(dataSources::get, () -> {
            if (!host.enabled()) {
                throw new IllegalStateException("The demo host is switched off");
            }
            return QUERY;
        });
        this.dataSources = dataSources;
    }

    /** The user's saved desktop layout (a JSON array), or "[]". */
    String layout(String userId) {
        try (Connection connection = dataSources.get().getConnection();
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
        try (Connection connection = dataSources.get().getConnection()) {
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
