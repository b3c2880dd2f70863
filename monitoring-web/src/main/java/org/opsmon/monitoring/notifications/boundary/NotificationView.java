package org.opsmon.monitoring.notifications.boundary;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.opsmon.monitoring.notifications.entity.DeliveryStatus;
import org.opsmon.monitoring.notifications.entity.OutboxRow;
import org.opsmon.monitoring.platform.entity.Jsons;

/**
 * One notification of the outbox and where its delivery stands; {@code next_attempt_at} is null
 * unless it is pending.
 */
@Schema(description = "A notification: one message to one channel carrying one or more alert changes (alerts: "
        + "alert_id, change, level, previous_level, rule, source, metric, labels, value, threshold, message, time, "
        + "started_at); status pending, sent or failed; next_attempt_at while pending")
public record NotificationView(long id, long channelId, String channel, String status, int attempts, String lastError,
        String createdAt, String nextAttemptAt, String lastAttemptAt, String sentAt, int alertCount, JsonArray alerts) {

    static NotificationView of(OutboxRow row) {
        JsonArrayBuilder alerts = Jsons.array();
        row.alerts().forEach(note -> alerts.add(note.toJson()));
        return new NotificationView(row.id(), row.channelId(), row.channelName(), row.status().wireName(), row.attempts(),
                row.lastError(), text(row.createdAt()), row.status() == DeliveryStatus.PENDING ? text(row.dueAt()) : null,
                text(row.lastAttemptAt()), text(row.sentAt()), row.alerts().size(), alerts.build());
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
