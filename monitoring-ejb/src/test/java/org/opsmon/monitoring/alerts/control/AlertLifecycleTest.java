package org.opsmon.monitoring.alerts.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opsmon.monitoring.alerts.control.AlertLifecycle.Step;
import org.opsmon.monitoring.alerts.control.AlertLifecycle.Write;
import org.opsmon.monitoring.alerts.entity.ActiveRule;
import org.opsmon.monitoring.alerts.entity.AlertChange;
import org.opsmon.monitoring.alerts.entity.AlertLevel;
import org.opsmon.monitoring.alerts.entity.Comparison;
import org.opsmon.monitoring.alerts.entity.SeriesState;
import org.opsmon.monitoring.alerts.entity.SeriesState.Phase;
import org.opsmon.monitoring.alerts.entity.Thresholds;

/**
 * The life of one series' alert, sample by sample, as a table of (time, value) → change. Row ids
 * are given out as the store would, so reopening and resolving name real alerts.
 */
class AlertLifecycleTest {

    static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    /** The default memory rule: 80/90, clear 75/85, renotify 300 s. */
    static final ActiveRule MEMORY = rule(Comparison.GREATER, 80.0, 90.0, 75.0, 85.0, 0, 300);

    static ActiveRule rule(Comparison comparison, Double warning, Double critical, Double clearWarning,
                           Double clearCritical, long forS, long renotifyS) {
        return new ActiveRule(1, "test", "memory.percentage", Map.of(), null,
                Thresholds.of(comparison, warning, critical, clearWarning, clearCritical), forS, renotifyS, true);
    }

    /** Feeds samples and keeps every step, giving new rows ids like the store. */
    static final class Series {
        final ActiveRule rule;
        SeriesState state = SeriesState.fresh(null);
        final List<Step> steps = new ArrayList<>();
        long nextId = 100;

        Series(ActiveRule rule) {
            this.rule = rule;
        }

        AlertChange at(long seconds, double value) {
            return apply(AlertLifecycle.sample(state, rule, value, T0.plusSeconds(seconds)));
        }

        AlertChange remindAt(long seconds) {
            return apply(AlertLifecycle.remind(state, rule, T0.plusSeconds(seconds)));
        }

        AlertChange apply(Step step) {
            steps.add(step);
            state = step.write() == Write.SAVE && step.after().alertId() == null ? step.after().stored(nextId++)
                    : step.after();
            return step.change();
        }

        List<AlertChange> changes() {
            return steps.stream().map(Step::change).filter(c -> c != null).toList();
        }
    }

    @Test
    void crossingWarningOpensOneAlertThatResolvesOnlyBelowClear() {
        Series s = new Series(MEMORY);
        assertNull(s.at(0, 50));
        assertEquals(AlertChange.OPENED, s.at(10, 82));
        assertEquals(AlertLevel.WARNING, s.state.level());
        assertNull(s.at(20, 78), "below the trigger, above the clear: still firing");
        assertTrue(s.state.firing());
        assertNull(s.at(30, 75.5));
        assertEquals(AlertChange.RESOLVED, s.at(40, 75), "at the clear threshold");
        assertEquals(Phase.OK, s.state.phase());
        assertEquals(75.0, s.state.threshold(), "a resolution carries the clear threshold");
    }

    @Test
    void flappingAroundTheTriggerGivesOneAlert() {
        Series s = new Series(MEMORY);
        for (int i = 0; i < 50; i++) {
            s.at(i * 10L, i % 2 == 0 ? 80.5 : 79.5);
        }
        assertEquals(List.of(AlertChange.OPENED), s.changes());
        assertEquals(1, s.steps.stream().filter(st -> st.write() == Write.SAVE).count(), "one row written");
    }

    @Test
    void escalatesAndDeescalatesInPlace() {
        Series s = new Series(MEMORY);
        s.at(0, 85);
        long id = s.state.alertId();
        assertEquals(AlertChange.ESCALATED, s.at(10, 91));
        assertEquals(AlertLevel.CRITICAL, s.state.level());
        assertEquals(90.0, s.state.threshold());
        assertNull(s.at(20, 86), "above the critical clear: stays critical");
        assertEquals(AlertChange.DEESCALATED, s.at(30, 84));
        assertEquals(AlertLevel.WARNING, s.state.level());
        assertEquals(80.0, s.state.threshold());
        assertEquals(AlertChange.ESCALATED, s.at(40, 95));
        assertEquals(id, s.state.alertId(), "one alert for the whole episode");
        assertEquals(AlertChange.RESOLVED, s.at(50, 70), "straight from critical to resolved");
        assertEquals(List.of(AlertChange.OPENED, AlertChange.ESCALATED, AlertChange.DEESCALATED, AlertChange.ESCALATED,
                AlertChange.RESOLVED), s.changes());
    }

    @Test
    void aFirstSampleBeyondCriticalOpensCritical() {
        Series s = new Series(MEMORY);
        assertEquals(AlertChange.OPENED, s.at(0, 99));
        assertEquals(AlertLevel.CRITICAL, s.state.level());
    }

    @Test
    void forSKeepsABreachPendingUntilItLasted() {
        Series s = new Series(rule(Comparison.GREATER, 90.0, 95.0, 85.0, 90.0, 300, 300));
        assertNull(s.at(0, 92));
        assertEquals(Phase.PENDING, s.state.phase());
        assertEquals(Write.SAVE, s.steps.get(0).write(), "pending is visible as a row");
        assertNull(s.at(100, 96));
        assertEquals(AlertLevel.CRITICAL, s.state.level(), "a pending breach follows the level");
        assertNull(s.at(299, 93));
        assertEquals(AlertChange.OPENED, s.at(300, 93));
        assertEquals(AlertLevel.WARNING, s.state.level(), "the level of the sample that fired it");
        assertEquals(100L, s.state.alertId(), "the pending row becomes the alert");
    }

    @Test
    void aBreachThatEndsBeforeForSIsDroppedUnannounced() {
        Series s = new Series(rule(Comparison.GREATER, 90.0, 95.0, 85.0, 90.0, 300, 300));
        s.at(0, 92);
        long pending = s.state.alertId();
        assertNull(s.at(100, 89), "below the trigger cancels (a pending breach must hold continuously)");
        Step cancel = s.steps.get(1);
        assertEquals(Write.DELETE, cancel.write());
        assertEquals(pending, cancel.discard());
        assertNull(s.at(200, 92));
        assertNull(s.at(450, 92), "a new pending period starts from 200");
        assertEquals(AlertChange.OPENED, s.at(500, 92));
        assertEquals(List.of(AlertChange.OPENED), s.changes());
    }

    @Test
    void missingDataNeverResolves() {
        Series s = new Series(MEMORY);
        s.at(0, 95);
        assertNull(s.remindAt(100));
        assertTrue(s.state.firing(), "an hour without samples: still firing, nothing happened");
        assertEquals(AlertChange.REMINDED, s.remindAt(3600));
        assertTrue(s.state.firing());
        assertEquals(AlertChange.RESOLVED, s.at(3700, 10), "the next sample decides");
    }

    @Test
    void backFilledSamplesChangeNothing() {
        Series s = new Series(MEMORY);
        s.at(100, 50);
        assertNull(s.at(50, 99), "older than the newest evaluated");
        assertNull(s.at(100, 99), "as old as the newest evaluated (a re-send)");
        assertEquals(Phase.OK, s.state.phase());
        assertEquals(T0.plusSeconds(100), s.state.lastSampleAt());
        s.at(200, 95);
        assertNull(s.at(150, 10), "an old low value does not resolve");
        assertTrue(s.state.firing());
    }

    @Test
    void aFreshSeriesCountsAsEvaluatedUpToWhatItsSourceHadStored() {
        SeriesState fresh = SeriesState.fresh(T0.plusSeconds(100));
        assertEquals(Write.NONE, AlertLifecycle.sample(fresh, MEMORY, 99, T0.plusSeconds(99)).write(),
                "back-fill after a restart does not page");
        assertEquals(AlertChange.OPENED, AlertLifecycle.sample(fresh, MEMORY, 99, T0.plusSeconds(100)).change(),
                "the newest stored snapshot itself is evaluated");
    }

    @Test
    void remindersComeEveryRenotifyUntilAcknowledged() {
        Series s = new Series(MEMORY);
        s.at(0, 95);
        assertNull(s.remindAt(299));
        assertEquals(AlertChange.REMINDED, s.remindAt(300));
        assertNull(s.remindAt(599));
        assertEquals(AlertChange.REMINDED, s.remindAt(600));
        s.apply(AlertLifecycle.acknowledge(s.state, "alice", T0.plusSeconds(610)));
        assertTrue(s.state.acknowledged());
        assertNull(s.remindAt(2000), "acknowledged: no reminders");
        assertEquals(AlertChange.DEESCALATED, s.at(2100, 82));
        assertFalse(s.state.acknowledged(), "a level change clears the acknowledgement");
        assertEquals(AlertChange.REMINDED, s.remindAt(2400));
    }

    @Test
    void renotifyZeroNeverReminds() {
        Series s = new Series(rule(Comparison.GREATER, 80.0, 90.0, null, null, 0, 0));
        s.at(0, 95);
        assertNull(s.remindAt(1_000_000));
    }

    @Test
    void withoutHysteresisAReFireWithinTheCooldownReopensTheSameAlertQuietly() {
        Series s = new Series(rule(Comparison.GREATER, 80.0, 90.0, null, null, 0, 300));
        assertEquals(AlertChange.OPENED, s.at(0, 81));
        long id = s.state.alertId();
        assertEquals(AlertChange.RESOLVED, s.at(10, 79));
        for (int i = 2; i < 20; i++) {
            s.at(i * 10L, i % 2 == 0 ? 81 : 79);
        }
        assertEquals(List.of(AlertChange.OPENED, AlertChange.RESOLVED), s.changes(), "flapping is not announced");
        s.at(200, 81);
        assertEquals(id, s.state.alertId(), "the same alert, reopened");
        assertEquals(T0, s.state.startedAt());
        assertNull(s.remindAt(309), "the cooldown counts from the announced resolution");
        assertEquals(AlertChange.REMINDED, s.remindAt(310), "still firing once the cooldown is over: said once");
        assertEquals(AlertChange.RESOLVED, s.at(320, 79), "announced again, since its return was");
        assertEquals(AlertChange.OPENED, s.at(700, 81), "after the cooldown a new episode is a new alert");
        assertTrue(s.state.alertId() != id);
    }

    @Test
    void anEscalationInsideTheCooldownIsAnnouncedAtOnce() {
        Series s = new Series(rule(Comparison.GREATER, 80.0, 90.0, null, null, 0, 300));
        s.at(0, 81);
        s.at(10, 79);
        assertNull(s.at(20, 81), "quietly reopened");
        assertEquals(AlertChange.ESCALATED, s.at(30, 95));
    }

    @Test
    void lowValueRulesAlertBelowAndClearAbove() {
        double gb = 1024.0 * 1024 * 1024;
        Series s = new Series(rule(Comparison.LESS, null, gb, null, 1.25 * gb, 0, 300));
        assertNull(s.at(0, 5 * gb));
        assertEquals(AlertChange.OPENED, s.at(10, 0.8 * gb));
        assertEquals(AlertLevel.CRITICAL, s.state.level());
        assertNull(s.at(20, 1.1 * gb), "above the trigger, below the clear");
        assertEquals(AlertChange.RESOLVED, s.at(30, 1.3 * gb));
    }

    @Test
    void aRetiredRuleResolvesItsFiringAlertAndDropsAPendingOne() {
        Series firing = new Series(MEMORY);
        firing.at(0, 95);
        Step retired = AlertLifecycle.retire(firing.state, "its rule was deleted", T0.plusSeconds(5));
        assertEquals(AlertChange.RESOLVED, retired.change());
        assertEquals(Write.RESOLVE, retired.write());
        assertEquals(Phase.OK, retired.after().phase());

        Series pending = new Series(rule(Comparison.GREATER, 80.0, 90.0, null, null, 60, 300));
        pending.at(0, 95);
        Step dropped = AlertLifecycle.retire(pending.state, "its rule was disabled", T0.plusSeconds(5));
        assertNull(dropped.change());
        assertEquals(Write.DELETE, dropped.write());
        assertEquals(pending.state.alertId(), dropped.discard());
    }
}
