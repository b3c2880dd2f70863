package org.opsmon.monitoring.notifications.entity;

import java.time.Instant;
import java.util.Map;
import org.opsmon.monitoring.alerts.entity.AlertChange;
import org.opsmon.monitoring.alerts.entity.AlertLevel;

/** Alert changes as tests need them. */
public final class Notes {

    private Notes() {
    }

    public static AlertNote note(AlertChange change, AlertLevel level, AlertLevel previous, String metric, Instant time) {
        return new AlertNote(7, change, level, previous, "disk usage", "web-01", metric, Map.of("path", "/"), 96.2, 95,
                "Critical disk usage: 96.2% (threshold: 95.0%)", time, time);
    }

    public static AlertNote opened(AlertLevel level, String metric, Instant time) {
        return note(AlertChange.OPENED, level, null, metric, time);
    }

    public static AlertNote disk(long alertId, String source, String path, AlertLevel level, Instant time) {
        return new AlertNote(alertId, AlertChange.OPENED, level, null, "disk usage", source, "disk.percentage",
                Map.of("path", path), 96.2, 95, "Critical disk usage on " + path + ": 96.2% (threshold: 95.0%)", time,
                time);
    }
}
