package fr.clavardage.host.container;

import fr.clavardage.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * A host's PostgreSQL schema as the container tests see it: the ERP's own user table, read by the
 * module through {@code clavardage.host.users-query}. Alice and Carol may chat, Bob may not.
 */
public final class HostDatabase {

    static final String USERS_QUERY = "select id, login, full_name, email, active, can_chat, is_admin from erp_user";
    static final String PASSWORD = "s3cret";
    static final String ALICE = "e-1";
    static final String CAROL = "e-3";

    /** One row of the host's user table. */
    public record User(String id, String login, String fullName, boolean canChat) {
    }

    private HostDatabase() {
    }

    /** Creates the host's user table in the database at {@code jdbc}, holding {@code users} (none an admin). */
    public static void create(String jdbc, List<User> users) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbc); Statement s = c.createStatement()) {
            s.execute("""
                    create table erp_user (id varchar(64) primary key, login varchar(64) unique, full_name varchar(128),
                    email varchar(128), active boolean, can_chat boolean, is_admin boolean)""");
            try (PreparedStatement insert = c.prepareStatement(
                    "insert into erp_user values (?, ?, ?, ?, true, ?, false)")) {
                for (User user : users) {
                    insert.setString(1, user.id());
                    insert.setString(2, user.login());
                    insert.setString(3, user.fullName());
                    insert.setString(4, user.login() + "@erp.example");
                    insert.setBoolean(5, user.canChat());
                    insert.executeUpdate();
                }
            }
        }
    }

    /** A fresh schema holding the host's users; answers its JDBC URL (user included). */
    static String withUsers(String purpose) throws SQLException {
        String jdbc = TestDatabase.fresh(purpose);
        create(jdbc, List.of(new User("e-1", "alice", "Alice Hôte", true), new User("e-2", "bob", "Bob Comptable", false),
                new User("e-3", "carol", "Carol Ventes", true)));
        return jdbc;
    }
}
