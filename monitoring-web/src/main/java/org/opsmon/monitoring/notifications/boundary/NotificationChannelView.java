package org.opsmon.monitoring.notifications.boundary;

import jakarta.json.JsonObject;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.opsmon.monitoring.notifications.entity.NotificationChannel;

/** A channel as the API shows it: settings without their secrets, which only say they are set. */
@Schema(description = "A notification channel: type, settings (secrets never shown), filters, state and counters")
public record NotificationChannelView(long id, String name, String type,
        @Schema(type = SchemaType.OBJECT, description = "Type-specific settings; secrets appear only as password_set, "
                + "header_names or webhook_url_set") JsonObject settings,
        @Schema(type = SchemaType.OBJECT, description = "{min_level, metrics[], window{from,to,zone}|null}") JsonObject filters,
        boolean enabled,
        @Schema(description = "Notifications delivered") long handled,
        @Schema(description = "Failed delivery attempts") long errors,
        String lastError, String lastErrorAt,
        @Schema(description = "Notifications waiting to be delivered") long pending,
        String createdAt, String updatedAt) {

    static NotificationChannelView of(NotificationChannel channel, JsonObject settings, long pending) {
        return new NotificationChannelView(channel.id(), channel.name(), channel.type().wireName(), settings,
                channel.filters().toJson(), channel.enabled(), channel.handled(), channel.errors(), channel.lastError(),
                channel.lastErrorAt() == null ? null : channel.lastErrorAt().toInstant().toString(), pending,
                channel.createdAt().toInstant().toString(), channel.updatedAt().toInstant().toString());
    }
}
