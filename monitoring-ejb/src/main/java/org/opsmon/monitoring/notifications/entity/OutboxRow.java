package org.opsmon.monitoring.notifications.entity;

import java.time.Instant;
import java.util.List;

/**
 * A notification as the outbox holds it: one message to one channel with the alert changes it
 * carries, where its delivery stands and what the last attempt said.
 *
 * @param dueAt when it is (next) tried while pending
 */
public record OutboxRow(long id, long channelId, String channelName, DeliveryStatus status, List<AlertNote> alerts,
        Instant createdAt, Instant dueAt, int attempts, Instant lastAttemptAt, String lastError, Instant sentAt) {

    public OutboxRow {
        alerts = List.copyOf(alerts);
    }
}
