package org.opsmon.monitoring.ingest.control;

import java.time.Duration;
import java.util.OptionalDouble;
import org.opsmon.monitoring.ingest.entity.CounterReading;

/**
 * Per-second rate between two readings of a monotonically growing counter, shared by agent
 * counters (64-bit) and SNMP counters (Counter32 and Counter64). A counter that went down is
 * either a wrap of a 32-bit counter (the gap past the top is counted) or a reset after a
 * restart (no rate: a guess would draw a spike). Readings out of order give no rate either.
 */
public final class CounterRate {

    /** Width of a counter in bits: 32 for SNMP Counter32, 64 for everything else. */
    public enum Width {
        BITS_32(4294967296.0), BITS_64(18446744073709551616.0);

        final double modulus;

        Width(double modulus) {
            this.modulus = modulus;
        }
    }

    private CounterRate() {
    }

    public static OptionalDouble between(CounterReading previous, CounterReading current, Width width) {
        if (previous == null || current == null) {
            return OptionalDouble.empty();
        }
        double seconds = Duration.between(previous.time(), current.time()).toNanos() / 1e9;
        if (seconds <= 0) {
            return OptionalDouble.empty();
        }
        double delta = current.value() - previous.value();
        if (delta < 0) {
            if (width != Width.BITS_32 || previous.value() < width.modulus / 2) {
                return OptionalDouble.empty();
            }
            // A wrap past 2^32 happens when the previous value was near the top.
            delta += width.modulus;
            if (delta < 0 || delta >= width.modulus / 2) {
                return OptionalDouble.empty();
            }
        }
        return OptionalDouble.of(delta / seconds);
    }
}
