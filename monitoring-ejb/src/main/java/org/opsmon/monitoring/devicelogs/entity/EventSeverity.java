package org.opsmon.monitoring.devicelogs.entity;

/**
 * The syslog severity scale (RFC 5424 §6.2.1), used for every device event so that one
 * {@code min_severity} filter serves traps and status changes as well: a lower code is more severe.
 */
public enum EventSeverity {
    EMERGENCY, ALERT, CRITICAL, ERROR, WARNING, NOTICE, INFORMATIONAL, DEBUG;

    /** 0 (emergency) to 7 (debug). */
    public int code() {
        return ordinal();
    }

    public static EventSeverity ofCode(int code) {
        if (code < 0 || code > 7) {
            throw new IllegalArgumentException("A severity is 0 to 7, not " + code);
        }
        return values()[code];
    }

    /** True when this is at least as severe as {@code other}. */
    public boolean atLeast(EventSeverity other) {
        return code() <= other.code();
    }
}
