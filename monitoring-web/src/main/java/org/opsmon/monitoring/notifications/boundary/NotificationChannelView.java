package org.opsmon.monitoring.notifications.boundary;

import jakarta.json.JsonObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.opsmon.monitoring.notifications.entity.NotificationChannel;

/**
 * A channel as the API shows it: settings without their secrets, which only say they are set
 * ({@code password_set}, {@code header_names}, {@code webhook_url_set}). {@code handled} counts
 * delivered notifications, {@code errors} failed attempts, {@code pending} what waits.
 */
@Schema(description = "A notification channel: type, settings (secrets never shown: password_set, header_names, "
        + "webhook_url_set), filters {min_level, metrics[], window{from, to, zone}}, enabled, handled (notifications "
        + "delivered), errors (failed attempts), last error, pending notifications")
public record NotificationChannelView(long id, String name, String type, JsonObject settings, JsonObject filters,
        boolean enabled, long handled, long errors, String lastError, String lastErrorAt, long pending, String createdAt,
        String updatedAt) {

    static NotificationChannelView of(NotificationChannel channel, JsonObject settings, long pending) {
        return new NotificationChannelView(channel.id(), channel.name(), channel.type().wireName(), settings,
                channel.filters().toJson(), channel.enabled(), channel.handled(), channel.errors(), channel.lastError(),
                channel.lastErrorAt() == null ? null : channel.lastErrorAt().toInstant().toString(), pending,
                channel.createdAt().toInstant().toString(), channel.updatedAt().toInstant().toString());
    }
}
