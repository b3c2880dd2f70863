package org.opsmon.monitoring.alerts.entity;

import java.util.Locale;

/** Where an alert row is in its life: pending during a rule's {@code for_s}, firing, resolved. */
public enum AlertState {
    PENDING,
    FIRING,
    RESOLVED;

    /** The lower-case name the API uses. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
