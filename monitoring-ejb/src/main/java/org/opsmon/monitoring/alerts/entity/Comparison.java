package org.opsmon.monitoring.alerts.entity;

import org.opsmon.monitoring.platform.entity.RequestProblem;

/**
 * How a rule compares a value with its thresholds. {@code >} and {@code >=} alert on high values
 * (usage), {@code <} and {@code <=} on low ones (free space, reachability); "worse" and "the clear
 * side" follow from the direction, so the evaluator needs no case per comparison.
 */
public enum Comparison {
    GREATER(">"),
    GREATER_OR_EQUAL(">="),
    LESS("<"),
    LESS_OR_EQUAL("<=");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    public static Comparison of(String symbol) {
        for (Comparison comparison : values()) {
            if (comparison.symbol.equals(symbol)) {
                return comparison;
            }
        }
        throw RequestProblem.badRequest("unknown_comparison", "comparison must be one of >, >=, <, <=; got "
                + (symbol == null ? "nothing" : "'" + symbol + "'"));
    }

    public String symbol() {
        return symbol;
    }

    /** True when the value is on the alerting side of the threshold. */
    public boolean breaches(double value, double threshold) {
        return switch (this) {
            case GREATER -> value > threshold;
            case GREATER_OR_EQUAL -> value >= threshold;
            case LESS -> value < threshold;
            case LESS_OR_EQUAL -> value <= threshold;
        };
    }

    /** True when alerts grow with the value (usage), false when they grow as it falls (free space). */
    public boolean upward() {
        return this == GREATER || this == GREATER_OR_EQUAL;
    }

    /** True when {@code a} is at least as severe a threshold as {@code b} in this direction. */
    public boolean atLeastAsSevere(double a, double b) {
        return upward() ? a >= b : a <= b;
    }
}
