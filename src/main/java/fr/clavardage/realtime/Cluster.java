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
    private volatile String notifyChannel;

    /**
     * The NOTIFY channel of this installation. PostgreSQL channels are per database, so the schema's
     * name is part of it: two installations in two schemas of one database never hear each other.
     */
    public String notifyChannel() {
        String channel = notifyChannel;
        if (channel == null) {
            try (Connection c = dataSources.get().getConnection();
                 var statement = c.createStatement();
                 var rows = statement.executeQuery("select current_schema()")) {
                rows.next();
                channel = ("clv_events_" + rows.getString(1)).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot read the current schema", e);
            }
            notifyChannel = channel;
        }
        return channel;
    }

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
