package org.opsmon.monitoring.ingest.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.opsmon.monitoring.ingest.entity.InvalidSnapshotException;
import org.opsmon.monitoring.ingest.entity.Measurement;
import org.opsmon.monitoring.ingest.entity.SeriesKey;
import org.opsmon.monitoring.ingest.entity.Snapshot;

/** What the parser's tests share: a parser on a fixed clock and readers of its results. */
abstract class SnapshotParsing {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00.123456789Z");
    static final long NOW_S = NOW.getEpochSecond();
    static final double MIB = 1024.0 * 1024.0;

    final SnapshotParser parser = new SnapshotParser(Clock.fixed(NOW, ZoneOffset.UTC));

    /** JSON with single quotes for readability. */
    static JsonValue json(String text) {
        return Json.createReader(new StringReader(text.replace('\'', '"'))).readValue();
    }

    List<Snapshot> parse(String text) {
        return parser.parse(json(text));
    }

    Snapshot one(String text) {
        List<Snapshot> snapshots = parse(text);
        assertEquals(1, snapshots.size());
        return snapshots.get(0);
    }

    static Map<SeriesKey, Measurement> byKey(Snapshot snapshot) {
        return snapshot.measurements().stream().collect(Collectors.toMap(Measurement::key, m -> m, (a, b) -> {
            throw new AssertionError("series twice in one snapshot: " + a.key());
        }, LinkedHashMap::new));
    }

    static Measurement measurement(Snapshot snapshot, SeriesKey key) {
        Measurement m = byKey(snapshot).get(key);
        if (m == null) {
            throw new AssertionError(key + " missing; got " + byKey(snapshot).keySet());
        }
        return m;
    }

    static double value(Snapshot snapshot, String metric) {
        return measurement(snapshot, SeriesKey.of(metric)).value();
    }

    static double value(Snapshot snapshot, String metric, String label, String labelValue) {
        return measurement(snapshot, SeriesKey.of(metric, label, labelValue)).value();
    }

    void assertRejected(String text, String message) {
        InvalidSnapshotException e = assertThrows(InvalidSnapshotException.class, () -> parse(text));
        assertEquals(400, e.status());
        assertEquals("invalid_snapshot", e.code());
        assertEquals(message, e.getMessage());
    }
}
