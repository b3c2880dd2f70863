package org.opsmon.monitoring.notifications.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.opsmon.monitoring.notifications.entity.ChannelFilters;
import org.opsmon.monitoring.notifications.entity.ChannelSettings;
import org.opsmon.monitoring.notifications.entity.ChannelType;
import org.opsmon.monitoring.platform.control.SecretBox;

/**
 * The channels as routing and sending need them, read in plain SQL on the caller's connection:
 * inside the evaluator's transaction (which channels want a change) and in a sender's thread
 * (how to reach one), where no persistence context runs.
 */
@ApplicationScoped
public class ChannelRoster {

    /** What the sealed secrets of a channel are bound to: they open nowhere else. */
    public static final String SECRETS = "notification_channel.secrets";
    private static final Logger LOG = Logger.getLogger(ChannelRoster.class.getName());

    @Inject
    SecretBox secrets;

    @Inject
    NotificationConfiguration configuration;

    public ChannelRoster() {
    }

    ChannelRoster(SecretBox secrets, NotificationConfiguration configuration) {
        this.secrets = secrets;
        this.configuration = configuration;
    }

    /** An enabled channel and what it wants. */
    public record Route(long id, ChannelFilters filters) {
    }

    /** A channel ready to send through; {@code problem} says why it cannot when its settings do not load. */
    public record Reachable(long id, String name, boolean enabled, ChannelSettings settings, String problem) {
    }

    /** Enabled channels in id order: the order in which the outbox rows of one change are locked. */
    public List<Route> enabled(Connection connection) throws SQLException {
        List<Route> routes = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT id, name, filters FROM notification_channel WHERE enabled = TRUE ORDER BY id");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                try {
                    routes.add(new Route(rows.getLong(1), ChannelFilters.stored(rows.getString(3))));
                } catch (IllegalStateException e) {
                    LOG.warning("Channel '" + rows.getString(2) + "' is skipped: " + e.getMessage());
                }
            }
        }
        return routes;
    }

    public Optional<Reachable> load(Connection connection, long id) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT name, type, settings, secrets, enabled FROM notification_channel WHERE id = ?")) {
            query.setLong(1, id);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                String name = row.getString(1);
                ChannelType type = ChannelType.of(row.getString(2));
                boolean enabled = row.getBoolean(5);
                try {
                    return Optional.of(new Reachable(id, name, enabled, settings(type, row.getString(3), row.getString(4)),
                            null));
                } catch (SecretBox.SecretUnreadable | IllegalStateException e) {
                    return Optional.of(new Reachable(id, name, enabled, null, e.getMessage()));
                }
            }
        }
    }

    /** Settings from their stored parts, secrets opened. */
    public ChannelSettings settings(ChannelType type, String settings, String sealedSecrets) {
        String opened = sealedSecrets == null ? null : secrets.open(SECRETS, sealedSecrets);
        return ChannelSettings.stored(type, settings, opened, configuration.settingDefaults());
    }

    /** The sealed form of a channel's secrets; null when it has none. */
    public String seal(ChannelSettings settings) {
        return settings.secretsJson().isEmpty() ? null : secrets.seal(SECRETS, settings.secretsJson().toString());
    }
}
