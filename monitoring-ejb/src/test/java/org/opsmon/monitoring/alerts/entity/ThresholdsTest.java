package org.opsmon.monitoring.alerts.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.opsmon.monitoring.platform.entity.RequestProblem;

/** Thresholds refuse what cannot work, naming why, and pick levels with hysteresis. */
class ThresholdsTest {

    static String refusal(Comparison c, Double w, Double cr, Double cw, Double cc) {
        return assertThrows(RequestProblem.class, () -> Thresholds.of(c, w, cr, cw, cc)).code();
    }

    @Test
    void refusesWhatCannotWork() {
        assertEquals("no_threshold", refusal(Comparison.GREATER, null, null, null, null));
        assertEquals("critical_below_warning", refusal(Comparison.GREATER, 90.0, 80.0, null, null));
        assertEquals("critical_below_warning", refusal(Comparison.GREATER_OR_EQUAL, 90.0, 90.0, null, null));
        assertEquals("critical_above_warning", refusal(Comparison.LESS, 10.0, 20.0, null, null));
        assertEquals("clear_above_trigger", refusal(Comparison.GREATER, 80.0, 90.0, 81.0, null));
        assertEquals("clear_above_trigger", refusal(Comparison.GREATER, 80.0, 90.0, null, 95.0));
        assertEquals("clear_below_trigger", refusal(Comparison.LESS, null, 10.0, null, 5.0));
        assertEquals("clear_without_trigger", refusal(Comparison.GREATER, null, 90.0, 70.0, null));
        assertEquals("invalid_warning", refusal(Comparison.GREATER, Double.POSITIVE_INFINITY, null, null, null));
        assertEquals("unknown_comparison", assertThrows(RequestProblem.class, () -> Comparison.of("=>")).code());
    }

    @Test
    void omittedClearThresholdsEqualTheirTriggers() {
        Thresholds t = Thresholds.of(Comparison.GREATER, 80.0, 90.0, null, null);
        assertEquals(80.0, t.clearWarning());
        assertEquals(90.0, t.clearCritical());
        assertNull(Thresholds.of(Comparison.LESS, null, 1.0, null, null).clearWarning());
    }

    @Test
    void levelsUseTriggersToEnterAndClearThresholdsToStay() {
        Thresholds t = Thresholds.of(Comparison.GREATER, 80.0, 90.0, 75.0, 85.0);
        assertNull(t.levelFor(80, null), "> is strict");
        assertEquals(AlertLevel.WARNING, t.levelFor(80.1, null));
        assertEquals(AlertLevel.CRITICAL, t.levelFor(90.1, null));
        assertEquals(AlertLevel.WARNING, t.levelFor(76, AlertLevel.WARNING));
        assertNull(t.levelFor(75, AlertLevel.WARNING));
        assertEquals(AlertLevel.CRITICAL, t.levelFor(86, AlertLevel.CRITICAL));
        assertEquals(AlertLevel.WARNING, t.levelFor(85, AlertLevel.CRITICAL));
        assertEquals(AlertLevel.WARNING, t.levelFor(89, AlertLevel.WARNING), "escalating needs the trigger");
        Thresholds atLeast = Thresholds.of(Comparison.GREATER_OR_EQUAL, null, 3.0, null, null);
        assertEquals(AlertLevel.CRITICAL, atLeast.levelFor(3, null));
        assertNull(atLeast.levelFor(2, AlertLevel.CRITICAL));
    }
}
