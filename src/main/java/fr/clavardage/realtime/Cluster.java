package fr.clavardage.realtime;

import fr.clavardage.platform.persistence.DataSources;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Whether this node shares its database with others. On PostgreSQL, nodes wake each other with
 * LISTEN/NOTIFY ({@link PostgresListener}); H2 is single-node and everything stays in this JVM.
 */
@ApplicationScoped
public class Cluster {

    @Inject
    DataSources dataSources;

    private volatile Boolean postgres;

    public boolean isPostgres() {
        Boolean known = postgres;
        if (known == null) {
            try (Connection c = dataSources.get().getConnection()) {
                known = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot tell which database this is", e);
            }
            postgres = known;
        }
        return known;
    }
}
