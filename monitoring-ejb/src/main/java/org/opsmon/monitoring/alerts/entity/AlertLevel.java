package org.opsmon.monitoring.alerts.entity;

/** How bad a firing alert is. Declared mildest first: {@code compareTo} orders by severity. */
public enum AlertLevel {
    WARNING,
    CRITICAL;

    public boolean atLeast(AlertLevel other) {
        return compareTo(other) >= 0;
    }
}
