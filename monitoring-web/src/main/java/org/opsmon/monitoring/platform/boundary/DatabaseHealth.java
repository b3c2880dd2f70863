package org.opsmon.monitoring.platform.boundary;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.opsmon.monitoring.platform.control.SchemaMigration;

/** Ready when the database answers and every migration is applied; /health shows both. */
@Readiness
@ApplicationScoped
public class DatabaseHealth implements HealthCheck {

    @Resource(lookup = "java:app/jdbc/monitoring")
    DataSource dataSource;

    @Inject
    SchemaMigration schema;

    /**
     * Created with the application: WildFly runs health checks on its management threads, where
     * the application's java:app names (and so the datasource injection) cannot be resolved.
     */
    void created(@Observes @Initialized(ApplicationScoped.class) Object application) {
        // Nothing to do: observing the event creates this bean, and injects its datasource, now.
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("database");
        try (Connection connection = dataSource.getConnection()) {
            boolean reachable = connection.isValid(2);
            boolean migrated = schema.upToDate();
            return response.status(reachable && migrated)
                    .withData("database", connection.getMetaData().getDatabaseProductName())
                    .withData("reachable", reachable)
                    .withData("schema_version", schema.version())
                    .withData("migrations_applied", migrated)
                    .build();
        } catch (SQLException | RuntimeException e) {
            return response.down().withData("reachable", false).withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
