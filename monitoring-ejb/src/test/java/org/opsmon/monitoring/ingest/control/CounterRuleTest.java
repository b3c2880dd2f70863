package org.opsmon.monitoring.ingest.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.opsmon.monitoring.ingest.entity.CounterRule;
import org.opsmon.monitoring.ingest.entity.CounterWidth;
import org.opsmon.monitoring.ingest.entity.SeriesKey;
import org.opsmon.monitoring.ingest.entity.Snapshot;
import org.opsmon.monitoring.ingest.entity.StoredSample;

/**
 * SNMP interface counters through the shared rate code: named, scaled to bit/s, bounded by the
 * interface speed, restarted on a discontinuity. The first reading of each case is a restart, so
 * the batch never needs the database.
 */
class CounterRuleTest {

    static final SeriesKey OCTETS = SeriesKey.of("if.in_octets", "if_name", "ge-0/0/1");
    static final SeriesKey BPS = SeriesKey.of("if.in_bps", "if_name", "ge-0/0/1");
    static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    record Result(List<Map<SeriesKey, Double>> samples, int discarded) {
    }

    static Result run(CounterWidth width, double ceiling, double[] values, boolean[] restarts) throws SQLException {
        List<Snapshot> snapshots = new java.util.ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            CounterRule rule = CounterRule.named(BPS, 8).withCeiling(ceiling).restarted(i == 0 || restarts[i]);
            snapshots.add(Readings.at(T0.plusSeconds(10L * i)).counter(OCTETS, values[i], width, rule).build());
        }
        DerivedSeries derived = new DerivedSeries(snapshots, new CounterRates().batch(null, 1));
        Map<SeriesKey, Long> ids = Map.of(OCTETS, 1L, BPS, 2L);
        List<Map<SeriesKey, Double>> samples = new java.util.ArrayList<>();
        for (int i = 0; i < snapshots.size(); i++) {
            samples.add(derived.samples(i, ids).stream().collect(Collectors.toMap(StoredSample::key, StoredSample::value)));
        }
        return new Result(samples, derived.discardedRates());
    }

    @Test
    void octetsBecomeBitsPerSecondUnderTheRulesName() throws SQLException {
        Result result = run(CounterWidth.BITS_64, 1e9, new double[] {1000, 126_000}, new boolean[2]);
        assertEquals(Map.of(OCTETS, 1000.0), result.samples().get(0), "the first reading is a baseline");
        assertEquals(100_000.0, result.samples().get(1).get(BPS), "125000 bytes in 10 s");
        assertEquals(0, result.discarded());
    }

    @Test
    void aRateAboveTheInterfaceSpeedIsDiscardedAndCounted() throws SQLException {
        // 10 Mbit/s port; 125 MB in 10 s would be 100 Mbit/s
        Result result = run(CounterWidth.BITS_64, 10e6, new double[] {0, 125_000_000, 125_100_000}, new boolean[3]);
        assertEquals(Map.of(OCTETS, 125_000_000.0), result.samples().get(1));
        assertEquals(1, result.discarded());
        // The discarded reading is still the baseline of the next one: 100 kB in 10 s = 80 kbit/s
        assertEquals(80_000.0, result.samples().get(2).get(BPS));
    }

    @Test
    void a32BitWrapIsCountedAcrossTheTop() throws SQLException {
        double top = CounterWidth.BITS_32.modulus();
        Result result = run(CounterWidth.BITS_32, 1e9, new double[] {top - 50_000, 75_000}, new boolean[2]);
        assertEquals(100_000.0, result.samples().get(1).get(BPS), "125000 bytes past the wrap in 10 s");
    }

    @Test
    void a64BitWrapIsCountedAcrossTheTop() throws SQLException {
        double top = CounterWidth.BITS_64.modulus();
        Result result = run(CounterWidth.BITS_64, 1e12, new double[] {top - 1_048_576, 1_048_576}, new boolean[2]);
        assertEquals(2_097_152 * 8 / 10.0, result.samples().get(1).get(BPS), 1e-6);
    }

    @Test
    void aDiscontinuityOrRebootMakesANewBaselineInsteadOfASpike() throws SQLException {
        // The device restarted its counters between the second and third readings.
        Result result = run(CounterWidth.BITS_64, 1e12, new double[] {5e9, 5.0001e9, 200}, new boolean[] {false, false, true});
        assertEquals(Map.of(OCTETS, 200.0), result.samples().get(2));
        assertEquals(0, result.discarded());
    }

    @Test
    void aLowerCounterWithoutRestartIsAResetNotAWrap() throws SQLException {
        Result result = run(CounterWidth.BITS_32, 1e12, new double[] {1_000_000, 10}, new boolean[2]);
        assertEquals(Map.of(OCTETS, 10.0), result.samples().get(1));
    }
}
