package org.opsmon.monitoring.alerts.entity;

import java.time.Instant;

/**
 * The evaluation state of one series under one rule, immutable: each sample makes a new one.
 * It is what the evaluator caches per series, and what an open alert row persists (an OK series
 * has no row), so that a restarted server resumes an alert instead of opening it again.
 *
 * @param phase          OK (no open alert), PENDING (breaching, waiting for {@code for_s}), FIRING
 * @param level          the level while pending or firing; the last level once resolved
 * @param alertId        the open alert row (pending or firing); null in OK or before it is written
 * @param lastSampleAt   the newest sample time evaluated: nothing older or equal is evaluated again
 * @param value          the newest value evaluated
 * @param threshold      the trigger threshold of {@code level}
 * @param lastNotifiedAt when a change of this alert was last announced; reminders count from it
 * @param announced      false while a re-fire inside the cooldown has not been announced yet
 * @param recent         the alert this series resolved last, while it may still be reopened
 */
public record SeriesState(Phase phase, AlertLevel level, Long alertId, Instant pendingSince, Instant startedAt,
                          Instant lastSampleAt, double value, double threshold, Instant lastNotifiedAt,
                          boolean announced, String acknowledgedBy, Instant acknowledgedAt, Resolved recent) {

    public enum Phase {
        OK,
        PENDING,
        FIRING
    }

    /** An alert that resolved: kept so that a re-fire within the rule's cooldown reopens it. */
    public record Resolved(Long alertId, Instant startedAt, Instant resolvedAt) {
    }

    /**
     * A series the evaluator meets for the first time, with the newest sample time the source had
     * stored by then ({@code storedUpTo}, null when unknown): samples at least that new are
     * evaluated, older ones are back-fill.
     */
    public static SeriesState fresh(Instant storedUpTo) {
        return new SeriesState(Phase.OK, null, null, null, null, storedUpTo == null ? null : storedUpTo.minusNanos(1),
                Double.NaN, Double.NaN, null, false, null, null, null);
    }

    public boolean firing() {
        return phase == Phase.FIRING;
    }

    public boolean pending() {
        return phase == Phase.PENDING;
    }

    public boolean acknowledged() {
        return acknowledgedBy != null;
    }

    /** True when a sample of this time is newer than everything evaluated. */
    public boolean newer(Instant time) {
        return lastSampleAt == null || time.isAfter(lastSampleAt);
    }

    public SeriesState seen(Instant time, double newValue) {
        return new SeriesState(phase, level, alertId, pendingSince, startedAt, time, newValue, threshold,
                lastNotifiedAt, announced, acknowledgedBy, acknowledgedAt, recent);
    }

    public SeriesState pending(AlertLevel newLevel, double newThreshold, Instant since) {
        return new SeriesState(Phase.PENDING, newLevel, alertId, since, null, lastSampleAt, value, newThreshold,
                lastNotifiedAt, false, null, null, recent);
    }

    /** Firing at a level; {@code notifiedAt} and {@code told} say whether this change is announced. */
    public SeriesState firing(Long id, AlertLevel newLevel, double newThreshold, Instant start, Instant notifiedAt,
                              boolean told) {
        return new SeriesState(Phase.FIRING, newLevel, id, pendingSince, start, lastSampleAt, value, newThreshold,
                notifiedAt, told, null, null, null);
    }

    /** Back to OK; {@code resolved} is the alert that may be reopened, null when none may be. */
    public SeriesState ok(Resolved resolved, double clearThreshold, Instant notifiedAt) {
        return new SeriesState(Phase.OK, level, null, null, null, lastSampleAt, value, clearThreshold, notifiedAt,
                false, null, null, resolved);
    }

    public SeriesState notified(Instant at) {
        return new SeriesState(phase, level, alertId, pendingSince, startedAt, lastSampleAt, value, threshold, at, true,
                acknowledgedBy, acknowledgedAt, recent);
    }

    public SeriesState acknowledge(String by, Instant at) {
        return new SeriesState(phase, level, alertId, pendingSince, startedAt, lastSampleAt, value, threshold,
                lastNotifiedAt, announced, by, at, recent);
    }

    /** The same state once its new row has an id. */
    public SeriesState stored(long id) {
        return new SeriesState(phase, level, id, pendingSince, startedAt, lastSampleAt, value, threshold,
                lastNotifiedAt, announced, acknowledgedBy, acknowledgedAt, recent);
    }
}
