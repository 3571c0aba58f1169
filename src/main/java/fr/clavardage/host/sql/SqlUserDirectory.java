package fr.clavardage.host.sql;

import fr.clavardage.host.HostUser;
import fr.clavardage.host.PermissionChecker;
import fr.clavardage.host.Permissions;
import fr.clavardage.host.UserDirectory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * A user directory read from the host's own tables with one query the host writes, returning the
 * columns {@code id, login, full_name, email, active, can_chat, is_admin} (see
 * docs/host-integration.md). {@code can_chat} grants {@code clavardage.use}; {@code is_admin} grants
 * {@code clavardage.admin}. The query is configuration from the host's administrator, never user input.
 */
public class SqlUserDirectory implements UserDirectory, PermissionChecker {

    /** A host user with the two rights the chat asks about. */
    public record Row(HostUser user, boolean canChat, boolean admin) {
    }

    private static final int IN_LIST_MAX = 200;

    private final Supplier<DataSource> dataSource;
    private final Supplier<String> query;

    public SqlUserDirectory(Supplier<DataSource> dataSource, Supplier<String> query) {
        this.dataSource = dataSource;
        this.query = query;
    }

    @Override
    public List<HostUser> allUsers() {
        return rows().stream().map(Row::user).toList();
    }

    @Override
    public Optional<HostUser> find(String userId) {
        return byColumn("id", userId).map(Row::user);
    }

    @Override
    public boolean hasPermission(String userId, String permission) {
        return byColumn("id", userId).filter(u -> u.user().active()).map(u -> switch (permission) {
            case Permissions.USE -> u.canChat();
            case Permissions.ADMIN -> u.canChat() && u.admin();
            default -> false;
        }).orElse(false);
    }

    /** One query for all the users asked about (the whole list when they are many). */
    @Override
    public Map<String, Set<String>> grants(Collection<String> userIds, Set<String> permissions) {
        List<Row> rows;
        if (userIds.size() > IN_LIST_MAX) {
            rows = rows();
        } else {
            String marks = String.join(", ", Collections.nCopies(userIds.size(), "?"));
            rows = userIds.isEmpty() ? List.of()
                    : run("select * from (" + query.get() + ") u where u.id in (" + marks + ")", List.copyOf(userIds));
        }
        Set<String> asked = Set.copyOf(userIds);
        Map<String, Set<String>> answer = new HashMap<>();
        for (Row row : rows) {
            if (!asked.contains(row.user().id()) || !row.user().active()) {
                continue;
            }
            Set<String> held = new HashSet<>();
            if (row.canChat()) {
                held.add(Permissions.USE);
                if (row.admin()) {
                    held.add(Permissions.ADMIN);
                }
            }
            held.retainAll(permissions);
            answer.put(row.user().id(), held);
        }
        return answer;
    }

    public List<Row> rows() {
        return run("select * from (" + query.get() + ") u order by u.full_name", List.of());
    }

    /** One user by {@code id} or {@code login}. */
    public Optional<Row> byColumn(String column, String value) {
        if (value == null || !(column.equals("id") || column.equals("login"))) {
            return Optional.empty();
        }
        return run("select * from (" + query.get() + ") u where u." + column + " = ?", List.of(value)).stream().findFirst();
    }

    private List<Row> run(String sql, List<String> parameters) {
        try (Connection connection = dataSource.get().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setString(i + 1, parameters.get(i));
            }
            List<Row> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(new HostUser(result.getString("id"), result.getString("login"),
                            result.getString("full_name"), result.getString("email"), result.getBoolean("active")),
                            result.getBoolean("can_chat"), result.getBoolean("is_admin")));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("The host's user directory query failed", e);
        }
    }
}
