package org.opsmon.monitoring.ingest.control;

import java.time.Duration;
import java.util.OptionalDouble;
import org.opsmon.monitoring.ingest.entity.CounterReading;
import org.opsmon.monitoring.ingest.entity.CounterWidth;

/**
 * Per-second rate between two readings of a monotonically growing counter, shared by agent
 * counters (64-bit) and SNMP counters (Counter32 and Counter64). A counter that went down is
 * either a wrap (it was in the upper half of its width and the gap past the top is small: that
 * gap is counted) or a reset after a restart (no rate: a guess would draw a spike). A 64-bit
 * counter wraps only from near 2^64, which an agent's counters never reach, so for them a
 * decrease stays a reset. Readings out of order give no rate either.
 */
public final class CounterRate {

    private CounterRate() {
    }

    public static OptionalDouble between(CounterReading previous, CounterReading current, CounterWidth width) {
        if (previous == null || current == null) {
            return OptionalDouble.empty();
        }
        double seconds = Duration.between(previous.time(), current.time()).toNanos() / 1e9;
        if (seconds <= 0) {
            return OptionalDouble.empty();
        }
        double delta = current.value() - previous.value();
        if (delta < 0) {
            if (previous.value() < width.modulus() / 2) {
                return OptionalDouble.empty();
            }
            // A wrap past the top happens when the previous value was near it.
            delta += width.modulus();
            if (delta < 0 || delta >= width.modulus() / 2) {
                return OptionalDouble.empty();
            }
        }
        return OptionalDouble.of(delta / seconds);
    }
}
