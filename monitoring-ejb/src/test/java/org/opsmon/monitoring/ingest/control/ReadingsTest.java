package org.opsmon.monitoring.ingest.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opsmon.monitoring.ingest.control.SeriesNames.ListSection;
import org.opsmon.monitoring.ingest.entity.CommandRun;
import org.opsmon.monitoring.ingest.entity.CounterWidth;
import org.opsmon.monitoring.ingest.entity.Measurement;
import org.opsmon.monitoring.ingest.entity.SeriesKey;
import org.opsmon.monitoring.ingest.entity.Snapshot;

/** The typed way in: what a poller or the self-sampler builds, and the latest view it gets. */
class ReadingsTest {

    static final Instant T = Instant.parse("2026-03-01T12:00:00.500Z");

    @Test
    void gaugesCountersAndCommandsInTheOrderGiven() {
        CommandRun run = new CommandRun("root", "reboot", T, 1L, CommandRun.PROCESS);
        Snapshot s = Readings.at(T).seq(9L)
                .gauge(SeriesKey.of("if.oper_status", "if_name", "ge-0/0/1"), 1)
                .counter(SeriesKey.of("if.in_octets", "if_name", "ge-0/0/1"), 4294967000.0, CounterWidth.BITS_32)
                .command(run)
                .build();
        assertEquals(T, s.time());
        assertEquals(9L, s.seq());
        assertNull(s.bootTime());
        assertEquals(List.of(Measurement.gauge(SeriesKey.of("if.oper_status", "if_name", "ge-0/0/1"), 1),
                Measurement.counter(SeriesKey.of("if.in_octets", "if_name", "ge-0/0/1"), 4294967000.0, CounterWidth.BITS_32)),
                s.measurements());
        assertEquals(List.of(run), s.commands());
    }

    @Test
    void nullMeansNotMeasured() {
        Readings readings = Readings.at(T).gauge(SeriesNames.CPU_USAGE, (Double) null)
                .counter(SeriesKey.of("network.bytes_recv", "interface", "eth0"), (Double) null, CounterWidth.BITS_64)
                .bootTime(null).text("system.hostname", null);
        assertTrue(readings.isEmpty());
        assertEquals("{\"timestamp\":1772366400.500}", readings.build().json().toString());
    }

    @Test
    void bootTimeIsASeriesAndTellsRatesOfReboots() {
        Snapshot s = Readings.at(T).bootTime(1772300000L).build();
        assertEquals(1772300000L, s.bootTime());
        assertEquals(List.of(Measurement.gauge(SeriesNames.BOOT_TIME, 1772300000.0)), s.measurements());
    }

    @Test
    void aValueMustBeFinite() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Readings.at(T).gauge(SeriesKey.of("disk.used", "path", "/"), Double.NaN));
        assertEquals("disk.used{path=/} is not a finite number: NaN", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Readings.at(T)
                .counter(SeriesKey.of("if.in_octets"), Double.POSITIVE_INFINITY, CounterWidth.BITS_32));
    }

    @Test
    void theLatestViewIsTheRichForm() {
        Snapshot s = Readings.at(T).seq(3L)
                .gauge(SeriesNames.CPU_USAGE, 12.5)
                .gauge(SeriesNames.core(0), 10)
                .gauge(SeriesNames.core(1), 20.5)
                .gauge(SeriesNames.of("memory", "total"), 8000)
                .gauge(ListSection.DISK.item("used", "/"), 40)
                .gauge(ListSection.DISK.item("total", "/"), 100)
                .bootTime(1772300000L)
                .text("system.hostname", "web-01")
                .counter(ListSection.NETWORK.item("bytes_recv", "eth0"), 222, CounterWidth.BITS_64)
                .gauge(ListSection.GPUS.item("memory_used", "0"), 5)
                .gauge(SeriesNames.of("gpu", "count"), 1)
                .gauge(ListSection.COLLECTORS.item("duration_ms", "cpu"), 3)
                .build();
        assertEquals(SnapshotParsing.json("""
                {'timestamp':1772366400.500,'seq':3,
                 'processor':{'usage_percent':12.5,'per_core_usage':[10,20.5]},
                 'memory':{'total':8000},
                 'disk':[{'path':'/','used':40,'total':100}],
                 'system':{'boot_time':1772300000,'hostname':'web-01'},
                 'network':[{'interface':'eth0','bytes_recv':222}],
                 'gpu':{'gpus':[{'id':'0','memory_used':5}],'count':1},
                 'collectors':[{'name':'cpu','duration_ms':3}]}"""), s.json());
        assertEquals(java.util.Map.of("system.hostname", "web-01"), s.texts());
    }

    @Test
    void seriesOfNoKnownListBecomeItemsOfTheirMetricsParent() {
        Snapshot s = Readings.at(T)
                .counter(SeriesKey.of("if.in_octets", "if_name", "ge-0/0/1"), 5, CounterWidth.BITS_32)
                .gauge(SeriesKey.of("if.oper_status", "if_name", "ge-0/0/1"), 1)
                .gauge(SeriesKey.of("if.oper_status", "if_name", "ge-0/0/2"), 2)
                .text("system.name", "switch-1")
                .build();
        assertEquals(SnapshotParsing.json("""
                {'timestamp':1772366400.500,
                 'if':[{'if_name':'ge-0/0/1','in_octets':5,'oper_status':1},{'if_name':'ge-0/0/2','oper_status':2}],
                 'system':{'name':'switch-1'}}"""), s.json());
    }

    @Test
    void aValueWhosePlaceIsTakenStaysOutOfTheViewButIsStored() {
        Snapshot s = Readings.at(T).gauge(SeriesKey.of("a.b"), 1).gauge(SeriesKey.of("a.b.c"), 2)
                .gauge(SeriesKey.of("a.b", "k", "v"), 3).build();
        assertEquals(SnapshotParsing.json("{'timestamp':1772366400.500,'a':{'b':1}}"), s.json());
        assertEquals(3, s.measurements().size());
    }
}
