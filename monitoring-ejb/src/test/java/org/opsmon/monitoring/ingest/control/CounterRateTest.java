package org.opsmon.monitoring.ingest.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.opsmon.monitoring.ingest.entity.CounterReading;
import org.opsmon.monitoring.ingest.entity.CounterWidth;

class CounterRateTest {

    static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    static final double TWO_32 = 4294967296.0;

    static CounterReading at(long millis, double value) {
        return new CounterReading(T0.plusMillis(millis), value);
    }

    @Test
    void perSecondRate() {
        assertEquals(OptionalDouble.of(500.0), CounterRate.between(at(0, 1000), at(10_000, 6000), CounterWidth.BITS_64));
        assertEquals(OptionalDouble.of(500.0), CounterRate.between(at(0, 1000), at(10_000, 6000), CounterWidth.BITS_32));
    }

    @Test
    void subSecondInterval() {
        assertEquals(OptionalDouble.of(200.0), CounterRate.between(at(0, 0), at(500, 100), CounterWidth.BITS_64));
    }

    @Test
    void unchangedCounterIsZero() {
        assertEquals(OptionalDouble.of(0.0), CounterRate.between(at(0, 7), at(1000, 7), CounterWidth.BITS_64));
    }

    @Test
    void noElapsedTimeGivesNoRate() {
        assertEquals(OptionalDouble.empty(), CounterRate.between(at(0, 1), at(0, 100), CounterWidth.BITS_64));
    }

    @Test
    void readingsOutOfOrderGiveNoRate() {
        assertEquals(OptionalDouble.empty(), CounterRate.between(at(5000, 1), at(0, 100), CounterWidth.BITS_64));
    }

    @Test
    void decreaseOfA64BitCounterIsAReset() {
        assertEquals(OptionalDouble.empty(), CounterRate.between(at(0, 1e12), at(10_000, 5), CounterWidth.BITS_64));
        // even near the 32-bit top: agent counters are 64-bit and do not wrap there
        assertEquals(OptionalDouble.empty(), CounterRate.between(at(0, TWO_32 - 100), at(1000, 50), CounterWidth.BITS_64));
    }

    @Test
    void wrapOfA32BitCounterNearTheTopCountsThePastTheTopGap() {
        // 296 bytes up to 2^32, then 200 after the wrap: 496 bytes in 4 s
        assertEquals(OptionalDouble.of(124.0),
                CounterRate.between(at(0, 4294967000.0), at(4000, 200), CounterWidth.BITS_32));
        assertEquals(OptionalDouble.of(1.0), CounterRate.between(at(0, TWO_32 - 1), at(1000, 0), CounterWidth.BITS_32));
    }

    @Test
    void wrapOfA64BitCounterNearTheTopCountsThePastTheTopGap() {
        // An SNMP Counter64 read as a double: 2^64 - 2^20, then 2^20 after the wrap: 2^21 in 2 s
        double twoTo64 = CounterWidth.BITS_64.modulus();
        assertEquals(OptionalDouble.of(1048576.0),
                CounterRate.between(at(0, twoTo64 - 1048576), at(2000, 1048576), CounterWidth.BITS_64));
    }

    @Test
    void decreaseOfA32BitCounterFromALowValueIsAReset() {
        assertEquals(OptionalDouble.empty(), CounterRate.between(at(0, 1000), at(1000, 10), CounterWidth.BITS_32));
        assertEquals(OptionalDouble.empty(), CounterRate.between(at(0, TWO_32 / 2 - 1), at(1000, 0), CounterWidth.BITS_32));
    }

    @Test
    void largeDropFromTheUpperHalfIsAResetNotAWrap() {
        // a "wrap" would mean more than 2^31 in one interval
        assertEquals(OptionalDouble.empty(), CounterRate.between(at(0, 3e9), at(1000, 2.9e9), CounterWidth.BITS_32));
    }

    @Test
    void missingReadingGivesNoRate() {
        assertEquals(OptionalDouble.empty(), CounterRate.between(null, at(1000, 5), CounterWidth.BITS_64));
        assertEquals(OptionalDouble.empty(), CounterRate.between(at(0, 5), null, CounterWidth.BITS_32));
        assertEquals(OptionalDouble.empty(), CounterRate.between(null, null, CounterWidth.BITS_64));
    }
}
