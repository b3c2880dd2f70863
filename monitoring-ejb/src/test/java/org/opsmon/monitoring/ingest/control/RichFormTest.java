package org.opsmon.monitoring.ingest.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opsmon.monitoring.ingest.entity.CommandRun;
import org.opsmon.monitoring.ingest.entity.InvalidSnapshotException;
import org.opsmon.monitoring.ingest.entity.Measurement;
import org.opsmon.monitoring.ingest.entity.SeriesKey;
import org.opsmon.monitoring.ingest.entity.Snapshot;

/** The rich form: every section, what each field becomes, and its edges. */
class RichFormTest extends SnapshotParsing {

    static final String RICH = """
            {'timestamp': 1772366400.5, 'seq': 42,
             'processor': {'usage_percent': 12.5, 'per_core_usage': [10, 20.5, 0, 100], 'core_count': 4,
                           'logical_count': 8, 'frequency_current': 2400.5, 'frequency_max': 3600,
                           'load_1': 0.5, 'load_5': 0.25, 'load_15': 0.125},
             'memory': {'total': 16000, 'available': 6000, 'used': 10000, 'percentage': 62.5,
                        'swap_total': 2000, 'swap_used': 500},
             'disk': [{'path': '/', 'device': '/dev/sda1', 'fs_type': 'ext4', 'total': 100, 'used': 40, 'free': 60,
                       'percentage': 40},
                      {'path': '/home', 'total': 300, 'used': 60, 'free': 240, 'percentage': 20}],
             'disk_io': [{'device': 'sda', 'read_bytes': 1000, 'write_bytes': 2000, 'reads': 10, 'writes': 20}],
             'network': [{'interface': 'eth0', 'bytes_sent': 111, 'bytes_recv': 222, 'packets_sent': 3,
                          'packets_recv': 4, 'errors_in': 0, 'errors_out': 0, 'drops_in': 1, 'drops_out': 2}],
             'gpu': {'count': 2, 'gpus': [
                       {'id': 0, 'name': 'RTX', 'driver_version': '550', 'memory_total': 8000, 'memory_used': 2000,
                        'memory_reserved': 600, 'gpu_usage_percent': 30, 'temperature': 65, 'power_draw': 120.5,
                        'power_limit': 300},
                       {'id': 'GPU-b', 'memory_total': 0, 'memory_used': 0, 'temperature': -5}]},
             'system': {'hostname': 'web-01', 'os_name': 'Linux', 'os_version': '6.1', 'architecture': 'amd64',
                        'boot_time': 1772300000, 'processes': 321, 'users': 2, 'uptime': 66400.5},
             'commands': [{'user': 'alice', 'command': 'ls -la', 'started_at': 1772366390, 'pid': 4711,
                           'source': 'history'},
                          {'user': 'bob', 'command': 'top'}],
             'collectors': [{'name': 'cpu', 'success': true, 'duration_ms': 12},
                            {'name': 'gpu', 'success': false, 'duration_ms': 0, 'error': 'no driver'}],
             'link': {'download_bps': 1000000, 'upload_bps': 500000, 'rtt_ms': 12.5},
             'agent': {'version': '1.0', 'spool_bytes': 4096, 'spool_pending': 3, 'spool_evicted': 0,
                       'commands_dropped': 1, 'snapshots_rejected': 0, 'spool_corrupt': 2, 'commands_truncated': 5,
                       'dead_lettered': 7}}
            """;

    final Snapshot s = one(RICH);

    @Test
    void timeSeqAndBootTime() {
        assertEquals(Instant.parse("2026-03-01T12:00:00.500Z"), s.time());
        assertEquals(42L, s.seq());
        assertEquals(1772300000L, s.bootTime());
    }

    @Test
    void processor() {
        assertEquals(12.5, value(s, "processor.usage_percent"));
        assertEquals(10.0, value(s, "processor.per_core_usage", "core", "0"));
        assertEquals(20.5, value(s, "processor.per_core_usage", "core", "1"));
        assertEquals(0.0, value(s, "processor.per_core_usage", "core", "2"));
        assertEquals(100.0, value(s, "processor.per_core_usage", "core", "3"));
        assertFalse(byKey(s).containsKey(SeriesKey.of("processor.per_core_usage", "core", "4")));
        assertEquals(4.0, value(s, "processor.core_count"));
        assertEquals(8.0, value(s, "processor.logical_count"));
        assertEquals(2400.5, value(s, "processor.frequency_current"));
        assertEquals(3600.0, value(s, "processor.frequency_max"));
        assertEquals(0.5, value(s, "processor.load_1"));
        assertEquals(0.25, value(s, "processor.load_5"));
        assertEquals(0.125, value(s, "processor.load_15"));
    }

    @Test
    void memory() {
        assertEquals(16000.0, value(s, "memory.total"));
        assertEquals(6000.0, value(s, "memory.available"));
        assertEquals(10000.0, value(s, "memory.used"));
        assertEquals(62.5, value(s, "memory.percentage"));
        assertEquals(2000.0, value(s, "memory.swap_total"));
        assertEquals(500.0, value(s, "memory.swap_used"));
    }

    @Test
    void disksLabelledByPath() {
        assertEquals(100.0, value(s, "disk.total", "path", "/"));
        assertEquals(40.0, value(s, "disk.used", "path", "/"));
        assertEquals(60.0, value(s, "disk.free", "path", "/"));
        assertEquals(40.0, value(s, "disk.percentage", "path", "/"));
        assertEquals(20.0, value(s, "disk.percentage", "path", "/home"));
    }

    @Test
    void diskIoAndNetworkAreCountersLabelledByTheirKey() {
        Measurement recv = measurement(s, SeriesKey.of("network.bytes_recv", "interface", "eth0"));
        assertEquals(222.0, recv.value());
        assertTrue(recv.counter());
        for (String field : List.of("bytes_sent", "bytes_recv", "packets_sent", "packets_recv", "errors_in",
                "errors_out", "drops_in", "drops_out")) {
            assertTrue(measurement(s, SeriesKey.of("network." + field, "interface", "eth0")).counter(), field);
        }
        assertEquals(2.0, value(s, "network.drops_out", "interface", "eth0"));
        Measurement read = measurement(s, SeriesKey.of("disk_io.read_bytes", "device", "sda"));
        assertEquals(1000.0, read.value());
        assertTrue(read.counter());
        assertEquals(20.0, value(s, "disk_io.writes", "device", "sda"));
        assertFalse(measurement(s, SeriesKey.of("disk.used", "path", "/")).counter());
        assertFalse(measurement(s, SeriesKey.of("processor.usage_percent")).counter());
    }

    @Test
    void gpusLabelledById() {
        assertEquals(2.0, value(s, "gpu.count"));
        assertEquals(2000.0, value(s, "gpu.memory_used", "id", "0"));
        assertEquals(8000.0, value(s, "gpu.memory_total", "id", "0"));
        assertEquals(600.0, value(s, "gpu.memory_reserved", "id", "0"));
        assertEquals(30.0, value(s, "gpu.gpu_usage_percent", "id", "0"));
        assertEquals(65.0, value(s, "gpu.temperature", "id", "0"));
        assertEquals(120.5, value(s, "gpu.power_draw", "id", "0"));
        assertEquals(300.0, value(s, "gpu.power_limit", "id", "0"));
        assertEquals(-5.0, value(s, "gpu.temperature", "id", "GPU-b"));
        assertFalse(byKey(s).containsKey(SeriesKey.of("gpu.memory_reserved", "id", "GPU-b")));
    }

    @Test
    void systemLinkAgentAndCollectors() {
        assertEquals(1772300000.0, value(s, "system.boot_time"));
        assertEquals(321.0, value(s, "system.processes"));
        assertEquals(2.0, value(s, "system.users"));
        assertEquals(66400.5, value(s, "system.uptime"));
        assertEquals(java.util.Map.of("system.hostname", "web-01", "system.os_name", "Linux", "system.os_version", "6.1",
                "system.architecture", "amd64"), s.texts(), "descriptive texts travel on for live views");
        assertEquals(1000000.0, value(s, "link.download_bps"));
        assertEquals(12.5, value(s, "link.rtt_ms"));
        assertEquals(4096.0, value(s, "agent.spool_bytes"));
        assertEquals(1.0, value(s, "agent.commands_dropped"));
        assertEquals(0.0, value(s, "agent.snapshots_rejected"));
        assertEquals(2.0, value(s, "agent.spool_corrupt"));
        assertEquals(5.0, value(s, "agent.commands_truncated"));
        assertEquals(7.0, value(s, "agent.dead_lettered"));
        assertEquals(1.0, value(s, "agent.collector.success", "collector", "cpu"));
        assertEquals(0.0, value(s, "agent.collector.success", "collector", "gpu"));
        assertEquals(12.0, value(s, "agent.collector.duration_ms", "collector", "cpu"));
    }

    @Test
    void commandsDefaultToTheSnapshotTimeAndProcessOrigin() {
        assertEquals(List.of(
                new CommandRun("alice", "ls -la", Instant.ofEpochSecond(1772366390), 4711L, "history"),
                new CommandRun("bob", "top", Instant.parse("2026-03-01T12:00:00.500Z"), null, "process")),
                s.commands());
    }

    @Test
    void everyFieldBecomesExactlyOneSeries() {
        // 12 processor (incl. 4 cores) + 6 memory + 8 disk + 4 disk_io + 8 network + 1 gpu.count
        // + 7 for gpu 0 + 3 for gpu 1 + 4 system + 3 link + 8 agent + 4 collectors; sums and
        // percentages are derived later, for every source alike
        assertEquals(68, byKey(s).size());
        assertEquals(68, s.measurements().size());
        assertFalse(byKey(s).containsKey(SeriesKey.of("storage.used")));
        assertFalse(byKey(s).containsKey(SeriesKey.of("memory.swap_percentage")));
    }

    @Test
    void keepsTheSendersJsonAsItsLatestView() {
        assertEquals(json(RICH), s.json());
    }

    @Test
    void nullMembersAreAbsent() {
        Snapshot s = one("{'timestamp':null,'seq':null,'processor':{'usage_percent':null,'load_1':0.5},"
                + "'memory':null,'disk':null,'gpu':null,'system':{'hostname':null,'boot_time':null}}");
        assertEquals(List.of(Measurement.gauge(SeriesKey.of("processor.load_1"), 0.5)), s.measurements());
        assertEquals(Instant.parse("2026-03-01T12:00:00.123Z"), s.time());
        assertNull(s.seq());
        assertNull(s.bootTime());
    }

    @Test
    void topLevelUptimeIsTheSystemUptime() {
        Snapshot s = one("{'timestamp':" + NOW_S + ",'uptime':3600.5}");
        assertEquals(List.of(Measurement.gauge(SeriesKey.of("system.uptime"), 3600.5)), s.measurements());
        assertRejected("{'uptime':-1}", "uptime: must not be negative, got -1");
    }

    @Test
    void uptimeInsideSystemWins() {
        Snapshot s = one("{'uptime':5,'system':{'uptime':7}}");
        assertEquals(List.of(Measurement.gauge(SeriesKey.of("system.uptime"), 7.0)), s.measurements());
    }

    @Test
    void commandsAloneAreASnapshot() {
        Snapshot s = one("{'commands':[{'user':'root','command':'reboot'}]}");
        assertTrue(s.measurements().isEmpty());
        assertEquals(1, s.commands().size());
    }

    @Test
    void emptyDiskListIsNoMetric() {
        Snapshot s = one("{'disk':[],'processor':{'usage_percent':1}}");
        assertEquals(1, s.measurements().size());
    }

    @Test
    void numericGpuIdsAreWrittenPlainly() {
        Snapshot s = one("{'gpu':{'gpus':[{'id':1.0,'memory_used':1},{'id':1E+1,'memory_used':2}]}}");
        assertEquals(1.0, value(s, "gpu.memory_used", "id", "1"));
        assertEquals(2.0, value(s, "gpu.memory_used", "id", "10"));
    }

    @Test
    void labelOf256CharactersIsAccepted() {
        String path = "/" + "a".repeat(255);
        assertEquals(5.0, value(one("{'disk':[{'path':'" + path + "','percentage':5}]}"), "disk.percentage", "path", path));
    }

    @Test
    void listOf4096ItemsIsAccepted() {
        String cores = "[" + "1,".repeat(4095) + "1]";
        assertEquals(4097, one("{'processor':{'usage_percent':1,'per_core_usage':" + cores + "}}").measurements().size());
    }

    @Test
    void noMetricAndNoCommand() {
        assertRejected("{'timestamp':" + NOW_S + "}", "carries no metric and no command");
        assertRejected("{'processor':{},'memory':{'unknown':5}}", "carries no metric and no command");
        assertRejected("{'commands':[]}", "carries no metric and no command");
    }

    @Test
    void seqMustBeAWholeNonNegativeNumber() {
        assertEquals(0L, one("{'seq':0,'processor':{'usage_percent':1}}").seq());
        assertRejected("{'seq':-1,'processor':{'usage_percent':1}}", "seq: must not be negative, got -1");
        assertRejected("{'seq':1.5,'processor':{'usage_percent':1}}", "seq: must be a whole number, got 1.5");
        assertRejected("{'seq':1e19,'processor':{'usage_percent':1}}", "seq: must be a whole number, got 1.0E19");
    }

    @Test
    void hugeNumericGpuIdIsRejected() {
        InvalidSnapshotException e = assertThrows(InvalidSnapshotException.class,
                () -> parse("{'gpu':{'gpus':[{'id':1e300,'memory_used':1}]}}"));
        assertTrue(e.getMessage().startsWith("gpu.gpus[0].id: "), e.getMessage());
    }
}
