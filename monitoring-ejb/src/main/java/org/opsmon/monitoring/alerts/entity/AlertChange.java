package org.opsmon.monitoring.alerts.entity;

/**
 * What happened to an alert. One episode of a series crossing a rule's thresholds is one alert:
 * it is {@code OPENED} once, may be {@code ESCALATED} and {@code DEESCALATED} in place between
 * WARNING and CRITICAL, is {@code REMINDED} when it is still firing, unacknowledged, after the
 * rule's {@code renotify_s}, and is {@code RESOLVED} once its value is back on the clear side.
 */
public enum AlertChange {
    OPENED,
    ESCALATED,
    DEESCALATED,
    REMINDED,
    RESOLVED
}
