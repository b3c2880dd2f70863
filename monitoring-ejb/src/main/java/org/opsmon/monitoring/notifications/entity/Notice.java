package org.opsmon.monitoring.notifications.entity;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.opsmon.monitoring.alerts.entity.AlertChange;
import org.opsmon.monitoring.alerts.entity.AlertLevel;

/**
 * One message to send through one channel: the alert changes it carries (one, or a group), or a
 * test. {@code notificationId} is the outbox row, 0 for a test.
 */
public record Notice(long notificationId, String channel, List<AlertNote> notes, boolean test) {

    public Notice {
        notes = List.copyOf(notes);
        if (notes.isEmpty()) {
            throw new IllegalArgumentException("A notice carries at least one alert change");
        }
    }

    /** What the "send test notification" action sends: a made-up WARNING that says what it is. */
    public static Notice test(String channel, Instant now) {
        AlertNote note = new AlertNote(0, AlertChange.OPENED, AlertLevel.WARNING, null, "test", "monitoring",
                "test.notification", Map.of(), 0, 0,
                "Test notification from the monitoring server for channel '" + channel + "'", now, now);
        return new Notice(0, channel, List.of(note), true);
    }

    /** The worst level still firing among the changes; null when every change is a resolution. */
    public AlertLevel firingLevel() {
        AlertLevel worst = null;
        for (AlertNote note : notes) {
            if (!note.resolved() && (worst == null || note.level().atLeast(worst))) {
                worst = note.level();
            }
        }
        return worst;
    }
}
