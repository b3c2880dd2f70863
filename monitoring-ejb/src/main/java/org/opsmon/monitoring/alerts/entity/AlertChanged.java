package org.opsmon.monitoring.alerts.entity;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The alert domain's one outgoing event: an alert opened, changed level, was re-notified or
 * resolved. It is fired synchronously ({@code Event.fire}) inside the transaction that records
 * the change, so an observer that writes to the database (the notification outbox) commits or
 * rolls back together with the alert: a change is never recorded without its notifications, nor
 * notified without being recorded. Observers that reach outside the database (live push) observe
 * it with {@code @Observes(during = TransactionPhase.AFTER_SUCCESS)}.
 *
 * @param level        the level after the change; for {@code RESOLVED} the level the alert had
 * @param previousLevel the level before the change; null for {@code OPENED}
 * @param value        the value that caused the change
 * @param threshold    the threshold that was crossed (for {@code RESOLVED}: the clear threshold)
 * @param time         when the change happened: the sample's time, or the timer's for checks
 *                     such as a silent agent
 * @param startedAt    when the alert opened
 */
public record AlertChanged(long alertId, AlertChange change, AlertLevel level, AlertLevel previousLevel,
        long ruleId, String ruleName, long clientId, String source, String metric, Map<String, String> labels,
        double value, double threshold, String message, Instant time, Instant startedAt) {

    public AlertChanged {
        Objects.requireNonNull(change);
        Objects.requireNonNull(level);
        Objects.requireNonNull(metric);
        labels = labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
    }

    /** The part of the system the alert is about: the metric's first segment ({@code disk}, {@code memory}, {@code if}…). */
    public String component() {
        int dot = metric.indexOf('.');
        return dot < 0 ? metric : metric.substring(0, dot);
    }
}
