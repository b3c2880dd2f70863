package org.opsmon.monitoring.ingest.entity;

import java.util.Objects;

/**
 * One value of one series in a snapshot. A gauge is stored as it is; a counter is a raw,
 * ever-growing total (bytes sent, reads) stored as sent, from which the server derives a
 * per-second rate series. {@code width} is null for a gauge and says where a counter wraps;
 * {@code rule}, null for the default, says how a counter's rate is named, scaled and bounded.
 */
public record Measurement(SeriesKey key, double value, CounterWidth width, CounterRule rule) {

    public Measurement {
        Objects.requireNonNull(key);
        if (rule != null && width == null) {
            throw new IllegalArgumentException("Only a counter has a rate rule: " + key);
        }
    }

    public Measurement(SeriesKey key, double value, CounterWidth width) {
        this(key, value, width, null);
    }

    public static Measurement gauge(SeriesKey key, double value) {
        return new Measurement(key, value, null);
    }

    /** A 64-bit counter, the kind agents send. */
    public static Measurement counter(SeriesKey key, double value) {
        return new Measurement(key, value, CounterWidth.BITS_64);
    }

    public static Measurement counter(SeriesKey key, double value, CounterWidth width) {
        return new Measurement(key, value, Objects.requireNonNull(width));
    }

    /** A counter whose rate follows {@code rule} (SNMP interface counters). */
    public static Measurement counter(SeriesKey key, double value, CounterWidth width, CounterRule rule) {
        return new Measurement(key, value, Objects.requireNonNull(width), Objects.requireNonNull(rule));
    }

    public boolean counter() {
        return width != null;
    }
}
