package org.opsmon.monitoring.ingest.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.opsmon.monitoring.ingest.entity.Measurement;
import org.opsmon.monitoring.ingest.entity.SeriesKey;

/** Sums and percentages; rates are covered against the database in {@link IngestionTest}. */
class DerivedSeriesTest {

    static Map<SeriesKey, Double> derived(List<Measurement> sent) {
        return DerivedSeries.sumsAndPercentages(sent).stream()
                .collect(Collectors.toMap(Measurement::key, Measurement::value, (a, b) -> {
                    throw new AssertionError("derived twice: " + a);
                }));
    }

    static Measurement gauge(String metric, double value) {
        return Measurement.gauge(SeriesKey.of(metric), value);
    }

    static Measurement gauge(String metric, String label, String labelValue, double value) {
        return Measurement.gauge(SeriesKey.of(metric, label, labelValue), value);
    }

    @Test
    void theAgentsRichSnapshotDerivesStorageSwapAndGpuMemory() {
        SnapshotParser parser = new SnapshotParser(Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC));
        List<Measurement> sent = parser.parse(SnapshotParsing.json(RichFormTest.RICH)).get(0).measurements();
        assertEquals(Map.of(
                SeriesKey.of("memory.swap_percentage"), 25.0,
                SeriesKey.of("storage.used"), 100.0,
                SeriesKey.of("storage.total"), 400.0,
                SeriesKey.of("storage.percentage"), 25.0,
                // GPU-b has a total of 0: no percentage rather than a division by zero
                SeriesKey.of("gpu.memory_percentage", "id", "0"), 25.0), derived(sent));
    }

    @Test
    void storageSumsTheDisksThatReportEachValue() {
        assertEquals(Map.of(SeriesKey.of("storage.used"), 70.0, SeriesKey.of("storage.total"), 100.0,
                SeriesKey.of("storage.percentage"), 70.0), derived(List.of(
                gauge("disk.used", "path", "/", 30), gauge("disk.total", "path", "/", 100),
                gauge("disk.used", "path", "/home", 40))));
    }

    @Test
    void percentagesAreCappedAtOneHundred() {
        assertEquals(100.0, derived(List.of(gauge("disk.used", "path", "/", 300), gauge("disk.total", "path", "/data", 100)))
                .get(SeriesKey.of("storage.percentage")));
    }

    @Test
    void nothingToDeriveFrom() {
        assertEquals(Map.of(), derived(List.of()));
        assertEquals(Map.of(), derived(List.of(gauge("disk.percentage", "path", "/", 40), gauge("memory.used", 5))));
    }

    @Test
    void aTotalOfZeroGivesNoPercentage() {
        assertEquals(Map.of(SeriesKey.of("storage.used"), 0.0, SeriesKey.of("storage.total"), 0.0), derived(List.of(
                gauge("memory.swap_total", 0), gauge("memory.swap_used", 0),
                gauge("disk.used", "path", "/", 0), gauge("disk.total", "path", "/", 0),
                gauge("gpu.memory_total", "id", "0", 0), gauge("gpu.memory_used", "id", "0", 0))));
    }

    @Test
    void aPercentageNeedsBothItsParts() {
        assertEquals(Map.of(SeriesKey.of("storage.total"), 10.0), derived(List.of(
                gauge("memory.swap_total", 10), gauge("gpu.memory_used", "id", "0", 5),
                gauge("disk.total", "path", "/", 10))));
    }

    @Test
    void eachGpuGetsItsOwnPercentage() {
        assertEquals(Map.of(SeriesKey.of("gpu.memory_percentage", "id", "0"), 50.0,
                SeriesKey.of("gpu.memory_percentage", "id", "1"), 10.0), derived(List.of(
                gauge("gpu.memory_used", "id", "1", 1), gauge("gpu.memory_total", "id", "0", 8),
                gauge("gpu.memory_used", "id", "0", 4), gauge("gpu.memory_total", "id", "1", 10))));
    }
}
