package org.opsmon.monitoring.ingest.entity;

/**
 * One value of one series in a snapshot. Counters are raw, ever-growing totals (bytes sent,
 * reads): they are stored as sent and the server derives a per-second rate series from them.
 */
public record Measurement(SeriesKey key, double value, boolean counter) {

    public static Measurement gauge(SeriesKey key, double value) {
        return new Measurement(key, value, false);
    }

    public static Measurement counter(SeriesKey key, double value) {
        return new Measurement(key, value, true);
    }
}
