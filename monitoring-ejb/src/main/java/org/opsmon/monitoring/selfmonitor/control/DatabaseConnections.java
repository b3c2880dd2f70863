package org.opsmon.monitoring.selfmonitor.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.opsmon.monitoring.selfmonitor.entity.ConnectionCount;

/**
 * Counts this server's database connections by asking the database, which works the same on
 * every container (pool statistics are container-specific and often switched off).
 *
 * <p>PostgreSQL: the server's connections carry an application name of their own (see
 * {@code ConfiguredDataSource}), so {@code pg_stat_activity} rows with the asking connection's
 * name, in the same database, are this server's pool. A connection is in use when it is not
 * {@code idle}: running a statement or inside a transaction. H2 (embedded): every session of the
 * database file belongs to this process; one is in use while it runs a statement or holds
 * uncommitted changes. Other databases: not counted (null).
 */
@ApplicationScoped
public class DatabaseConnections {

    private static final Logger LOG = Logger.getLogger(DatabaseConnections.class.getName());
    private static final int QUERY_TIMEOUT_S = 5;

    static final String POSTGRESQL = """
            SELECT count(*) FILTER (WHERE state <> 'idle' AND pid <> pg_backend_pid()), count(*)
            FROM pg_stat_activity
            WHERE datname = current_database() AND application_name = current_setting('application_name')""";

    static final String H2 = """
            SELECT count(CASE WHEN session_id <> SESSION_ID()
                              AND (executing_statement IS NOT NULL OR contains_uncommitted) THEN 1 END),
                   count(*)
            FROM information_schema.sessions""";

    @Resource(lookup = "java:app/jdbc/monitoring")
    DataSource dataSource;

    /** Creates this bean at deployment, where its resources resolve (see the platform package). */
    void created(@Observes @Initialized(ApplicationScoped.class) Object application) {
        // Observing the event is the point.
    }

    /** The connections now, or null where the database cannot tell (or could not be asked). */
    public ConnectionCount count() {
        try (Connection connection = dataSource.getConnection()) {
            return count(connection);
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.FINE, "Cannot count the database connections: {0}", e.getClass().getSimpleName());
            return null;
        }
    }

    static ConnectionCount count(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        String sql = switch (product) {
            case "PostgreSQL" -> POSTGRESQL;
            case "H2" -> H2;
            default -> null;
        };
        if (sql == null) {
            return null;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setQueryTimeout(QUERY_TIMEOUT_S);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? new ConnectionCount(row.getLong(1), row.getLong(2)) : null;
            }
        }
    }
}
