package org.opsmon.monitoring.notifications.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;
import org.opsmon.monitoring.alerts.entity.AlertChanged;
import org.opsmon.monitoring.notifications.entity.AlertNote;

/**
 * Turns each alert change into outbox rows for the enabled channels that want it. It observes
 * synchronously, inside the transaction that records the change, on that transaction's
 * connection: if the change rolls back, so do its notifications, and if writing them fails, the
 * change is not recorded either (and is evaluated again with the next sample).
 */
@ApplicationScoped
public class OutboxFeeder {

    @Resource(lookup = "java:app/jdbc/monitoring")
    DataSource dataSource;

    @Inject
    Outbox outbox;

    @Inject
    ChannelRoster roster;

    @Inject
    NotificationConfiguration configuration;

    /** Creates this bean at deployment, where its resources resolve (see the platform package). */
    void created(@Observes @Initialized(ApplicationScoped.class) Object application) {
        // Observing the event is the point.
    }

    void on(@Observes AlertChanged change) {
        try (Connection connection = dataSource.getConnection()) {
            feed(connection, AlertNote.of(change), Instant.now());
        } catch (SQLException e) {
            throw new IllegalStateException("Queuing notifications of alert " + change.alertId() + " failed: "
                    + e.getMessage(), e);
        }
    }

    /** Queues the change for every enabled channel whose filters accept it; returns how many. */
    public int feed(Connection connection, AlertNote note, Instant now) throws SQLException {
        int queued = 0;
        for (ChannelRoster.Route route : roster.enabled(connection)) {
            if (route.filters().accepts(note)) {
                outbox.enqueue(connection, route.id(), note, now, configuration.groupWindow(), configuration.groupMax());
                queued++;
            }
        }
        return queued;
    }
}
