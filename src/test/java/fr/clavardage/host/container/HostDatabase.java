package fr.clavardage.host.container;

import fr.clavardage.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A host's PostgreSQL schema as the container tests see it: the ERP's own user table, read by the
 * module through {@code clavardage.host.users-query}. Alice and Carol may chat, Bob may not.
 */
final class HostDatabase {

    static final String USERS_QUERY = "select id, login, full_name, email, active, can_chat, is_admin from erp_user";
    static final String PASSWORD = "s3cret";
    static final String ALICE = "e-1";
    static final String CAROL = "e-3";

    private HostDatabase() {
    }

    /** A fresh schema holding the host's users; answers its JDBC URL (user included). */
    static String withUsers(String purpose) throws SQLException {
        String jdbc = TestDatabase.fresh(purpose);
        try (Connection c = DriverManager.getConnection(jdbc); Statement s = c.createStatement()) {
            s.execute("""
                    create table erp_user (id varchar(64) primary key, login varchar(64) unique, full_name varchar(128),
                    email varchar(128), active boolean, can_chat boolean, is_admin boolean)""");
            s.execute("""
                    insert into erp_user values
                    ('e-1', 'alice', 'Alice Hôte', 'alice@erp.example', true, true, false),
                    ('e-2', 'bob', 'Bob Comptable', 'bob@erp.example', true, false, false),
                    ('e-3', 'carol', 'Carol Ventes', 'carol@erp.example', true, true, false)""");
        }
        return jdbc;
    }
}
