package fr.clavardage.host.demo;

import fr.clavardage.host.HostUser;
import fr.clavardage.host.PermissionChecker;
import fr.clavardage.host.Permissions;
import fr.clavardage.host.UserDirectory;
import fr.clavardage.platform.persistence.DataSources;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The demo host's user directory and permissions, read from its own {@code demo_user} table. */
@ApplicationScoped
public class DemoUsers implements UserDirectory, PermissionChecker {

    private static final String COLUMNS = "id, login, full_name, email, active, can_chat, is_admin";

    @Inject
    DemoHost host;
    @Inject
    DataSources dataSources;

    /** A demo user with the host-side rights the demo keeps on its user row. */
    record DemoUser(HostUser user, boolean canChat, boolean admin) {
    }

    @Override
    public List<HostUser> allUsers() {
        return all().stream().map(DemoUser::user).toList();
    }

    @Override
    public Optional<HostUser> find(String userId) {
        return byColumn("id", userId).map(DemoUser::user);
    }

    @Override
    public boolean hasPermission(String userId, String permission) {
        return byColumn("id", userId).filter(u -> u.user().active()).map(u -> switch (permission) {
            case Permissions.USE -> u.canChat();
            case Permissions.ADMIN -> u.canChat() && u.admin();
            default -> false;
        }).orElse(false);
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

    List<DemoUser> all() {
        if (!host.enabled()) {
            return List.of();
        }
        return query("select " + COLUMNS + " from demo_user order by full_name", null);
    }

    Optional<DemoUser> byColumn(String column, String value) {
        if (!host.enabled() || value == null) {
            return Optional.empty();
        }
        return query("select " + COLUMNS + " from demo_user where " + column + " = ?", value).stream().findFirst();
    }

    private List<DemoUser> query(String sql, String parameter) {
        try (Connection connection = dataSources.get().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setString(1, parameter);
            }
            List<DemoUser> users = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    users.add(new DemoUser(new HostUser(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getBoolean(5)), rows.getBoolean(6), rows.getBoolean(7)));
                }
            }
            return users;
        } catch (SQLException e) {
            throw new IllegalStateException("Demo user directory unavailable", e);
        }
    }
}
