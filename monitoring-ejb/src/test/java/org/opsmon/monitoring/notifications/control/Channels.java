package org.opsmon.monitoring.notifications.control;

import java.sql.SQLException;
import org.opsmon.monitoring.notifications.entity.ChannelFilters;
import org.opsmon.monitoring.notifications.entity.ChannelSettings;
import org.opsmon.monitoring.platform.control.FreshDatabase;

/** Channel rows as the API leaves them, written straight into a test database. */
final class Channels {

    private Channels() {
    }

    static long insert(FreshDatabase database, ChannelRoster roster, String name, ChannelSettings settings,
            ChannelFilters filters, boolean enabled) throws SQLException {
        return database.number("INSERT INTO notification_channel (id, name, type, settings, secrets, filters, enabled, "
                        + "created_at, updated_at) VALUES (nextval('notification_channel_seq'), ?, ?, ?, ?, ?, ?, "
                        + "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP) RETURNING id", name, settings.type().wireName(),
                settings.storedJson().toString(), roster.seal(settings), filters.toJson().toString(), enabled);
    }
}
