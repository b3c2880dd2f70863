package org.opsmon.monitoring.alerts.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Objects;
import org.opsmon.monitoring.platform.entity.RequestProblem;

/**
 * A rule's comparison with its trigger and clear thresholds, and the one decision they make: the
 * level a value calls for, given the level the series already has. Clear thresholds give
 * hysteresis: a firing alert stays at its level until the value is back on the clear side of the
 * level's clear threshold, so a value wobbling around a trigger makes one alert, not one per
 * wobble. A clear threshold left out equals its trigger (no hysteresis) and is stored as such.
 * Immutable: JPA writes the fields, nothing else does.
 */
@Embeddable
public class Thresholds {

    @Column(name = "comparison", nullable = false, length = 2)
    private Comparison comparison;

    @Column(name = "warning")
    private Double warning;

    @Column(name = "critical")
    private Double critical;

    @Column(name = "clear_warning")
    private Double clearWarning;

    @Column(name = "clear_critical")
    private Double clearCritical;

    protected Thresholds() {
    }

    private Thresholds(Comparison comparison, Double warning, Double critical, Double clearWarning,
                       Double clearCritical) {
        this.comparison = comparison;
        this.warning = warning;
        this.critical = critical;
        this.clearWarning = clearWarning;
        this.clearCritical = clearCritical;
    }

    /**
     * Checked thresholds: at least one trigger; critical beyond warning in the comparison's
     * direction; each clear threshold on the clear side of (or equal to) its trigger, and only
     * with its trigger. Every refusal is a 400 naming what is wrong.
     */
    public static Thresholds of(Comparison comparison, Double warning, Double critical, Double clearWarning,
                                Double clearCritical) {
        Objects.requireNonNull(comparison);
        finite("warning", warning);
        finite("critical", critical);
        finite("clear_warning", clearWarning);
        finite("clear_critical", clearCritical);
        if (warning == null && critical == null) {
            throw RequestProblem.badRequest("no_threshold", "A rule needs a warning or a critical threshold, or both");
        }
        boolean up = comparison.upward();
        if (warning != null && critical != null && !(up ? critical > warning : critical < warning)) {
            throw RequestProblem.badRequest(up ? "critical_below_warning" : "critical_above_warning",
                    "With " + comparison.symbol() + " the critical threshold must be " + (up ? "above" : "below")
                            + " the warning threshold; got warning " + warning + " and critical " + critical);
        }
        return new Thresholds(comparison, warning, critical, clear(comparison, "warning", warning, clearWarning),
                clear(comparison, "critical", critical, clearCritical));
    }

    private static Double clear(Comparison comparison, String level, Double trigger, Double clear) {
        if (clear == null) {
            return trigger;
        }
        if (trigger == null) {
            throw RequestProblem.badRequest("clear_without_trigger",
                    "clear_" + level + " is given but " + level + " is not");
        }
        boolean up = comparison.upward();
        if (up ? clear > trigger : clear < trigger) {
            throw RequestProblem.badRequest(up ? "clear_above_trigger" : "clear_below_trigger",
                    "With " + comparison.symbol() + " clear_" + level + " must be at or " + (up ? "below" : "above")
                            + " " + level + " (" + trigger + "), the side where the alert is over; got " + clear);
        }
        return clear;
    }

    private static void finite(String name, Double value) {
        if (value != null && !Double.isFinite(value)) {
            throw RequestProblem.badRequest("invalid_" + name, name + " must be a finite number");
        }
    }

    /**
     * The level a value calls for: null when none. {@code current} is the level of the series'
     * firing alert, null when it has none; it decides which thresholds apply: triggers to enter a
     * level, clear thresholds to stay in one.
     */
    public AlertLevel levelFor(double value, AlertLevel current) {
        if (critical != null && comparison.breaches(value, current == AlertLevel.CRITICAL ? clearCritical : critical)) {
            return AlertLevel.CRITICAL;
        }
        if (warning != null && comparison.breaches(value, current == null ? warning : clearWarning)) {
            return AlertLevel.WARNING;
        }
        return null;
    }

    /** The threshold whose crossing enters a level. */
    public double trigger(AlertLevel level) {
        Double threshold = level == AlertLevel.CRITICAL ? critical : warning;
        return threshold != null ? threshold : (critical != null ? critical : warning);
    }

    /**
     * The threshold whose clear side resolves a firing alert, whatever its level: the warning
     * clear when the rule has a warning level (a critical alert first de-escalates through it),
     * else the critical clear.
     */
    public double resolution() {
        return warning != null ? clearWarning : clearCritical;
    }

    public Comparison comparison() {
        return comparison;
    }

    public Double warning() {
        return warning;
    }

    public Double critical() {
        return critical;
    }

    public Double clearWarning() {
        return clearWarning;
    }

    public Double clearCritical() {
        return clearCritical;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Thresholds t && comparison == t.comparison && Objects.equals(warning, t.warning)
                && Objects.equals(critical, t.critical) && Objects.equals(clearWarning, t.clearWarning)
                && Objects.equals(clearCritical, t.clearCritical);
    }

    @Override
    public int hashCode() {
        return Objects.hash(comparison, warning, critical, clearWarning, clearCritical);
    }

    @Override
    public String toString() {
        return comparison.symbol() + " warning " + warning + " (clear " + clearWarning + "), critical " + critical
                + " (clear " + clearCritical + ")";
    }
}
