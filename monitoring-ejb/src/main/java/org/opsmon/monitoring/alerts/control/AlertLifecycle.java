package org.opsmon.monitoring.alerts.control;

import java.time.Instant;
import org.opsmon.monitoring.alerts.entity.ActiveRule;
import org.opsmon.monitoring.alerts.entity.AlertChange;
import org.opsmon.monitoring.alerts.entity.AlertLevel;
import org.opsmon.monitoring.alerts.entity.SeriesState;
import org.opsmon.monitoring.alerts.entity.SeriesState.Resolved;
import org.opsmon.monitoring.alerts.entity.Thresholds;

/**
 * The life of one series' alert, as pure functions of its state: no clock, no database, so every
 * case below is a unit test.
 *
 * <ul>
 * <li>Only a sample newer than the newest evaluated counts. An older or equal one (back-fill from
 * an agent's spool, a re-sent snapshot) is stored by ingestion but changes nothing here.</li>
 * <li>A breach waits in PENDING for the rule's {@code for_s} (measured in sample time) and fires
 * once a breaching sample is that far from the first; a sample back below the trigger cancels it.
 * Pending is not an alert: it is never announced.</li>
 * <li>A firing alert keeps its level until the value leaves the level's clear threshold
 * (hysteresis); it escalates WARNING → CRITICAL and de-escalates in place, one alert per episode,
 * and resolves only on a sample on the clear side of the warning clear (or the critical clear
 * where the rule has no warning). No sample, no change: missing data never resolves an alert.</li>
 * <li>Cooldown ({@code renotify_s}): a firing alert not acknowledged is reminded once that long
 * after its last announcement. A series that fires again within that time of its alert's
 * resolution reopens the same alert without announcing it; if it is still firing when the cooldown
 * ends, the reminder announces it, and if it resolves before, that resolution is not announced
 * either (nothing was announced since the last one). A value flapping across a threshold of a rule
 * without hysteresis thus gives one alert and at most one announcement per cooldown, beyond its
 * opening and first resolution. An escalation is always announced at once.</li>
 * <li>Acknowledging stops reminders until the level changes; a level change clears it.</li>
 * </ul>
 */
public final class AlertLifecycle {

    private AlertLifecycle() {
    }

    /** What a step changed: the new state, the change to announce (or null) and what to write. */
    public record Step(SeriesState after, AlertChange change, Write write, Long discard, String reason) {

        static Step none(SeriesState after) {
            return new Step(after, null, Write.NONE, null, null);
        }

        static Step save(SeriesState after, AlertChange change) {
            return new Step(after, change, Write.SAVE, null, null);
        }

        public boolean writes() {
            return write != Write.NONE || discard != null;
        }
    }

    /** The database work of a step. */
    public enum Write {
        /** Nothing to write (an OK series stays OK, an alert keeps its level). */
        NONE,
        /** Insert or update the open row (pending or firing) from the state. */
        SAVE,
        /** Mark the alert in {@code after.recent()} (or {@code discard}) resolved. */
        RESOLVE,
        /** Delete the pending row in {@code discard}: the breach ended before {@code for_s}. */
        DELETE
    }

    /** Evaluates one sample of the series. */
    public static Step sample(SeriesState state, ActiveRule rule, double value, Instant time) {
        if (!state.newer(time)) {
            return Step.none(state);
        }
        SeriesState seen = state.seen(time, value);
        Thresholds thresholds = rule.thresholds();
        AlertLevel level = thresholds.levelFor(value, state.firing() ? state.level() : null);
        switch (state.phase()) {
            case OK:
                if (level == null) {
                    return Step.none(seen);
                }
                if (rule.forS() > 0) {
                    return Step.save(seen.pending(level, thresholds.trigger(level), time), null);
                }
                return fire(seen, rule, level, time);
            case PENDING:
                if (level == null) {
                    return new Step(seen.ok(state.recent(), thresholds.trigger(state.level()), state.lastNotifiedAt()),
                            null, Write.DELETE, state.alertId(), null);
                }
                if (!time.isBefore(state.pendingSince().plusSeconds(rule.forS()))) {
                    return fire(seen, rule, level, time);
                }
                if (level != state.level()) {
                    return Step.save(seen.pending(level, thresholds.trigger(level), state.pendingSince()), null);
                }
                return Step.none(seen);
            default:
                if (level == null) {
                    return resolve(seen, rule, time);
                }
                if (level != state.level()) {
                    boolean escalation = level.atLeast(AlertLevel.CRITICAL);
                    boolean tell = escalation || state.announced();
                    SeriesState changed = seen.firing(state.alertId(), level, thresholds.trigger(level),
                            state.startedAt(), tell ? time : state.lastNotifiedAt(), tell || state.announced());
                    return Step.save(changed, tell ? (escalation ? AlertChange.ESCALATED : AlertChange.DEESCALATED)
                            : null);
                }
                return Step.none(seen);
        }
    }

    private static Step fire(SeriesState seen, ActiveRule rule, AlertLevel level, Instant time) {
        Long pendingRow = seen.pending() ? seen.alertId() : null;
        double threshold = rule.thresholds().trigger(level);
        Resolved recent = seen.recent();
        if (recent != null && rule.renotifyS() > 0 && time.isBefore(recent.resolvedAt().plusSeconds(rule.renotifyS()))) {
            SeriesState reopened = seen.firing(recent.alertId(), level, threshold, recent.startedAt(),
                    seen.lastNotifiedAt(), false);
            return new Step(reopened, null, Write.SAVE, pendingRow, null);
        }
        return Step.save(seen.firing(pendingRow, level, threshold, time, time, true), AlertChange.OPENED);
    }

    private static Step resolve(SeriesState seen, ActiveRule rule, Instant time) {
        boolean tell = seen.announced();
        SeriesState resolved = seen.ok(new Resolved(seen.alertId(), seen.startedAt(), time),
                rule.thresholds().resolution(), tell ? time : seen.lastNotifiedAt());
        return new Step(resolved, tell ? AlertChange.RESOLVED : null, Write.RESOLVE, null, null);
    }

    /** The reminder due at {@code now}, if any: firing, not acknowledged, cooldown over. */
    public static Step remind(SeriesState state, ActiveRule rule, Instant now) {
        Instant since = state.lastNotifiedAt() != null ? state.lastNotifiedAt() : state.startedAt();
        if (!state.firing() || state.acknowledged() || rule.renotifyS() <= 0 || since == null
                || now.isBefore(since.plusSeconds(rule.renotifyS()))) {
            return Step.none(state);
        }
        return Step.save(state.notified(now), AlertChange.REMINDED);
    }

    /** Acknowledges a firing alert: no reminders until its level changes. */
    public static Step acknowledge(SeriesState state, String by, Instant at) {
        if (!state.firing()) {
            throw new IllegalStateException("Only a firing alert is acknowledged");
        }
        if (state.acknowledged()) {
            return Step.none(state);
        }
        return Step.save(state.acknowledge(by, at), null);
    }

    /**
     * Ends the series' alert because its rule no longer watches the series (deleted, disabled,
     * or its metric, labels or source changed): a firing alert resolves, announced as resolved
     * with the reason, so nobody waits for a resolution that cannot come; a pending one is dropped.
     */
    public static Step retire(SeriesState state, String reason, Instant now) {
        return switch (state.phase()) {
            case FIRING -> new Step(state.ok(new Resolved(state.alertId(), state.startedAt(), now), state.threshold(),
                    state.announced() ? now : state.lastNotifiedAt()), state.announced() ? AlertChange.RESOLVED : null,
                    Write.RESOLVE, null, reason);
            case PENDING -> new Step(state.ok(null, state.threshold(), state.lastNotifiedAt()), null, Write.DELETE,
                    state.alertId(), reason);
            default -> Step.none(state);
        };
    }
}
