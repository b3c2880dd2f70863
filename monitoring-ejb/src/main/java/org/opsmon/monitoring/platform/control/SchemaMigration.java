package org.opsmon.monitoring.platform.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema to the version the code expects before anything else touches the database.
 * db/ is the schema's only owner: shared migrations in db/common, vendor files in db/postgresql
 * and db/h2. Bean-managed so Flyway commits on its own terms.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    @Resource(lookup = "java:app/jdbc/monitoring")
    DataSource dataSource;

    private Flyway flyway;

    @PostConstruct
    void migrate() {
        flyway = Flyway.configure(SchemaMigration.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/common", "classpath:db/" + vendor())
                .table("schema_history")
                .load();
        MigrateResult result = flyway.migrate();
        String version = version();
        LOG.info(() -> "Database schema at version " + version + " ("
                + result.migrationsExecuted + " migrations applied now, " + result.database + ")");
    }

    /** The folder of vendor-specific migrations for the connected database. */
    private String vendor() {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (product.contains("postgres")) {
                return "postgresql";
            }
            if (product.contains("h2")) {
                return "h2";
            }
            throw new IllegalStateException("Unsupported database " + product + ": use PostgreSQL or the embedded H2");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the database: " + e.getMessage(), e);
        }
    }

    /** True when every known migration has been applied: a readiness condition. */
    public boolean upToDate() {
        MigrationInfo[] pending = flyway.info().pending();
        return pending.length == 0;
    }

    public String version() {
        MigrationInfo current = flyway.info().current();
        return current == null ? "none" : current.getVersion().getVersion();
    }
}
