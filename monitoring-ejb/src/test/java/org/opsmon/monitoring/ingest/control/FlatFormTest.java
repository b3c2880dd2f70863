package org.opsmon.monitoring.ingest.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opsmon.monitoring.ingest.entity.Measurement;
import org.opsmon.monitoring.ingest.entity.SeriesKey;
import org.opsmon.monitoring.ingest.entity.Snapshot;

/** The flat form of the first agents: three values mapped onto the rich form's series. */
class FlatFormTest extends SnapshotParsing {

    @Test
    void mapsTheThreeKeysOntoSeriesAndMibToBytes() {
        Snapshot s = one("{'cpu_load':25.9,'mem':6172,'storage':95888,'time':1646650624}");

        assertEquals(Instant.ofEpochSecond(1646650624), s.time());
        assertNull(s.seq());
        assertNull(s.bootTime());
        assertEquals(3, s.measurements().size());
        assertEquals(25.9, value(s, "processor.usage_percent"));
        assertEquals(6172 * MIB, value(s, "memory.used"));
        assertEquals(6_471_811_072.0, value(s, "memory.used"));
        assertEquals(95888 * MIB, value(s, "storage.used"));
        assertTrue(s.measurements().stream().noneMatch(Measurement::counter));
        assertTrue(s.commands().isEmpty());
        assertEquals("{\"cpu_load\":25.9,\"mem\":6172,\"storage\":95888,\"time\":1646650624}", s.json().toString());
    }

    @Test
    void fractionalSecondsKeepMilliseconds() {
        assertEquals(Instant.parse("2022-03-07T10:57:04.250Z"), one("{'cpu_load':1,'time':1646650624.25}").time());
    }

    @Test
    void missingTimeIsTheClocksTimeTruncatedToMillis() {
        assertEquals(Instant.parse("2026-03-01T12:00:00.123Z"), one("{'mem':1}").time());
    }

    @Test
    void partialSnapshotCarriesOnlyWhatWasSent() {
        Snapshot s = one("{'storage':2,'time':1646650624}");
        assertEquals(List.of(Measurement.gauge(SeriesKey.of("storage.used"), 2 * MIB)), s.measurements());
    }

    @Test
    void percentageBoundsAreInclusive() {
        assertEquals(0.0, value(one("{'cpu_load':0}"), "processor.usage_percent"));
        assertEquals(100.0, value(one("{'cpu_load':100}"), "processor.usage_percent"));
    }

    @Test
    void nullMembersAreAbsent() {
        Snapshot s = one("{'cpu_load':null,'mem':10,'storage':null,'time':null}");
        assertEquals(List.of(Measurement.gauge(SeriesKey.of("memory.used"), 10 * MIB)), s.measurements());
        assertEquals(Instant.parse("2026-03-01T12:00:00.123Z"), s.time());
    }

    @Test
    void timeAloneIsNoSnapshot() {
        assertRejected("{'time':1646650624}", "carries no value: cpu_load, mem or storage is required");
        assertRejected("{'cpu_load':null}", "carries no value: cpu_load, mem or storage is required");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{'cpu_load':100.5}      | cpu_load: must be between 0 and 100, got 100.5",
            "{'cpu_load':-1}         | cpu_load: must be between 0 and 100, got -1",
            "{'mem':-5}              | mem: must not be negative, got -5",
            "{'storage':-0.5}        | storage: must not be negative, got -0.5",
            "{'cpu_load':'25'}       | cpu_load: must be a number, got a string",
            "{'cpu_load':true}       | cpu_load: must be a number, got a boolean",
            "{'mem':[1]}             | mem: must be a number, got an array",
            "{'mem':{}}              | mem: must be a number, got an object",
            "{'cpu_load':1e400}      | cpu_load: is out of range",
            "{'mem':-1e400}          | mem: is out of range",
            "{'cpu_load':1,'time':'1646650624'} | time: must be a number, got a string",
            "{'mem':1e305}           | mem: is out of range",
    })
    void rejectsWithThePathOfTheField(String text, String message) {
        assertRejected(text, message);
    }
}
