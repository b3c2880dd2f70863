package org.opsmon.monitoring.ingest.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opsmon.monitoring.ingest.entity.CommandRun;
import org.opsmon.monitoring.ingest.entity.InvalidSnapshotException;
import org.opsmon.monitoring.ingest.entity.Measurement;
import org.opsmon.monitoring.ingest.entity.SeriesKey;
import org.opsmon.monitoring.ingest.entity.Snapshot;
import org.opsmon.monitoring.platform.entity.RequestProblem;

class SnapshotParserTest {

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

    @Nested
    class FlatForm {

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

    @Nested
    class Time {

        @Test
        void upToFiveMinutesAheadIsAccepted() {
            assertEquals(Instant.ofEpochSecond(NOW_S + 300), one("{'cpu_load':1,'time':" + (NOW_S + 300) + "}").time());
        }

        @Test
        void moreThanFiveMinutesAheadIsRejected() {
            assertRejected("{'cpu_load':1,'time':" + (NOW_S + 301) + "}",
                    "time: is more than 5 minutes in the future (2026-03-01T12:05:01Z); seconds since the epoch are expected");
        }

        @Test
        void millisecondsInsteadOfSecondsAreRejectedAsFuture() {
            InvalidSnapshotException e = assertThrows(InvalidSnapshotException.class,
                    () -> parse("{'timestamp':" + NOW.toEpochMilli() + ",'processor':{'usage_percent':1}}"));
            assertTrue(e.getMessage().startsWith("timestamp: is more than 5 minutes in the future"), e.getMessage());
        }

        @Test
        void theYear2000IsTheEarliest() {
            assertEquals(Instant.parse("2000-01-01T00:00:00Z"), one("{'cpu_load':1,'time':946684800}").time());
            assertRejected("{'cpu_load':1,'time':946684799.999}",
                    "time: is before the year 2000; seconds since the epoch are expected");
            assertRejected("{'cpu_load':1,'time':0}", "time: is before the year 2000; seconds since the epoch are expected");
        }

        @Test
        void hugeTimestampsDoNotOverflow() {
            InvalidSnapshotException e = assertThrows(InvalidSnapshotException.class, () -> parse("{'cpu_load':1,'time':1e300}"));
            assertTrue(e.getMessage().startsWith("time: is more than 5 minutes in the future"), e.getMessage());
            assertRejected("{'cpu_load':1,'time':-1e300}", "time: is before the year 2000; seconds since the epoch are expected");
        }
    }

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
                        'memory_reserved': 600, 'gpu_usage_percent': 30, 'temperature': 65, 'power_draw': 120.5, 'power_limit': 300},
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

    @Nested
    class RichForm {

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
    }

    @Nested
    class RichFormEdges {

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

        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
                "{'disk':[{'path':'/','percentage':140}]}            | disk[0].percentage: must be between 0 and 100, got 140",
                "{'disk':[{'path':'/','total':10,'used':11}]}        | disk[0].used: is larger than total",
                "{'disk':[{'path':'/','used':-1}]}                   | disk[0].used: must not be negative, got -1",
                "{'disk':[{'percentage':1}]}                         | disk[0].path: is required",
                "{'disk':[{'path':null,'percentage':1}]}             | disk[0].path: is required",
                "{'disk':[{'path':'','percentage':1}]}               | disk[0].path: must not be empty",
                "{'disk':[{'path':5,'percentage':1}]}                | disk[0].path: must be a string, got a number",
                "{'disk':[{'path':'/','device':7}]}                  | disk[0].device: must be a string, got a number",
                "{'disk':{'path':'/'}}                               | disk: must be an array",
                "{'disk':[{'path':'/','used':1},3]}                  | disk[1]: must be an object",
                "{'memory':{'total':10,'used':11}}                   | memory.used: is larger than memory.total",
                "{'memory':{'swap_total':10,'swap_used':11}}         | memory.swap_used: is larger than memory.swap_total",
                "{'gpu':{'gpus':[{'id':0,'memory_total':10,'memory_used':11}]}} | gpu.gpus[0].memory_used: is larger than memory_total",
                "{'gpu':{'gpus':[{'id':0,'memory_total':10,'memory_reserved':11}]}} | gpu.gpus[0].memory_reserved: is larger than memory_total",
                "{'gpu':{'gpus':[{'id':0,'memory_reserved':-1}]}}    | gpu.gpus[0].memory_reserved: must not be negative, got -1",
                "{'agent':{'spool_corrupt':-1}}                      | agent.spool_corrupt: must not be negative, got -1",
                "{'agent':{'commands_truncated':1.5}}                | agent.commands_truncated: must be a whole number, got 1.5",
                "{'agent':{'dead_lettered':'3'}}                     | agent.dead_lettered: must be a number, got a string",
                "{'memory':{'percentage':100.01}}                    | memory.percentage: must be between 0 and 100, got 100.01",
                "{'memory':{'total':1e400}}                          | memory.total: is out of range",
                "{'memory':{'total':'16GB'}}                         | memory.total: must be a number, got a string",
                "{'memory':[1]}                                      | memory: must be an object",
                "{'processor':[1]}                                   | processor: must be an object",
                "{'processor':{'core_count':4.5}}                    | processor.core_count: must be a whole number, got 4.5",
                "{'processor':{'core_count':-4}}                     | processor.core_count: must not be negative, got -4",
                "{'processor':{'load_1':-0.1}}                       | processor.load_1: must not be negative, got -0.1",
                "{'processor':{'per_core_usage':[10,'x']}}           | processor.per_core_usage[1]: must be a number, got a string",
                "{'processor':{'per_core_usage':[10,null]}}          | processor.per_core_usage[1]: must be a number, got null",
                "{'processor':{'per_core_usage':[10,101]}}           | processor.per_core_usage[1]: must be between 0 and 100, got 101",
                "{'processor':{'per_core_usage':[-0.5]}}             | processor.per_core_usage[0]: must be between 0 and 100, got -0.5",
                "{'processor':{'per_core_usage':[1e400]}}            | processor.per_core_usage[0]: is out of range",
                "{'processor':{'per_core_usage':5}}                  | processor.per_core_usage: must be an array",
                "{'network':[{'interface':'eth0','bytes_recv':-1}]}  | network[0].bytes_recv: must not be negative, got -1",
                "{'network':[{'bytes_recv':1}]}                      | network[0].interface: is required",
                "{'disk_io':[{'device':'sda','reads':'many'}]}       | disk_io[0].reads: must be a number, got a string",
                "{'gpu':{'gpus':[{'id':0,'temperature':250}]}}       | gpu.gpus[0].temperature: must be between -100 and 200, got 250",
                "{'gpu':{'gpus':[{'id':0,'gpu_usage_percent':101}]}} | gpu.gpus[0].gpu_usage_percent: must be between 0 and 100, got 101",
                "{'gpu':{'gpus':[{'memory_used':1}]}}                | gpu.gpus[0].id: is required",
                "{'gpu':{'count':1.5}}                               | gpu.count: must be a whole number, got 1.5",
                "{'gpu':{'gpus':{}}}                                 | gpu.gpus: must be an array",
                "{'collectors':[{'name':'cpu','success':'yes'}]}     | collectors[0].success: must be true or false, got a string",
                "{'collectors':[{'name':'cpu','duration_ms':-3}]}    | collectors[0].duration_ms: must not be negative, got -3",
                "{'system':{'hostname':5,'processes':1}}             | system.hostname: must be a string, got a number",
                "{'system':{'processes':1.5}}                        | system.processes: must be a whole number, got 1.5",
                "{'system':{'boot_time':-1}}                         | system.boot_time: must not be negative, got -1",
                "{'link':{'rtt_ms':-1}}                              | link.rtt_ms: must not be negative, got -1",
                "{'agent':{'version':2,'spool_bytes':1}}             | agent.version: must be a string, got a number",
                "{'commands':[{'user':'root'}]}                      | commands[0].command: is required",
                "{'commands':[{'command':'ls'}]}                     | commands[0].user: is required",
                "{'commands':[{'user':'root','command':''}]}         | commands[0].command: must not be empty",
                "{'commands':[{'user':'root','command':'ls','source':'cron'}]} | commands[0].source: must be \"process\" or \"history\"",
                "{'commands':[{'user':'root','command':'ls','pid':1.5}]}      | commands[0].pid: must be a whole number, got 1.5",
                "{'commands':[{'user':'root','command':'ls','started_at':1}]} | commands[0].started_at: is before the year 2000; seconds since the epoch are expected",
                "{'timestamp':'now','processor':{'usage_percent':1}} | timestamp: must be a number, got a string",
        })
        void rejectsWithThePathOfTheField(String text, String message) {
            assertRejected(text, message);
        }

        @Test
        void labelLongerThan256CharactersIsRejected() {
            assertRejected("{'disk':[{'path':'/" + "a".repeat(256) + "','percentage':5}]}",
                    "disk[0].path: is longer than 256 characters");
        }

        @Test
        void commandsAreLimitedTo4096Characters() {
            assertEquals(4096, one("{'commands':[{'user':'u','command':'" + "x".repeat(4096) + "'}]}")
                    .commands().get(0).command().length());
            assertRejected("{'commands':[{'user':'u','command':'" + "x".repeat(4097) + "'}]}",
                    "commands[0].command: is longer than 4096 characters");
        }

        @Test
        void otherStringsAreLimitedTo1024Characters() {
            assertRejected("{'system':{'hostname':'" + "h".repeat(1025) + "','processes':1}}",
                    "system.hostname: is longer than 1024 characters");
        }

        @Test
        void listsAreLimitedTo4096Items() {
            String cores = "[" + "1,".repeat(4096) + "1]";
            assertRejected("{'processor':{'per_core_usage':" + cores + "}}",
                    "processor.per_core_usage: has more than 4096 items");
        }

        @Test
        void commandMayNotStartMoreThanFiveMinutesAfterItsSnapshot() {
            long snapshot = NOW_S - 3600;
            assertEquals(Instant.ofEpochSecond(snapshot + 300), one("{'timestamp':" + snapshot
                    + ",'commands':[{'user':'u','command':'ls','started_at':" + (snapshot + 300) + "}]}")
                    .commands().get(0).startedAt());
            InvalidSnapshotException e = assertThrows(InvalidSnapshotException.class, () -> parse("{'timestamp':"
                    + snapshot + ",'commands':[{'user':'u','command':'ls','started_at':" + (snapshot + 301) + "}]}"));
            assertTrue(e.getMessage().startsWith("commands[0].started_at: is more than 5 minutes in the future"),
                    e.getMessage());
        }

        @Test
        void mixingTheFlatAndTheRichFormIsRefusedNamingBoth() {
            assertRejected("{'cpu_load':99,'processor':{'usage_percent':1}}",
                    "mixes the flat form (cpu_load) with the rich form (processor); send one or the other");
            assertRejected("[{'cpu_load':1},{'seq':3,'mem':5,'time':1646650624}]",
                    "[1]: mixes the flat form (mem) with the rich form (seq); send one or the other");
        }

        @Test
        void nullMembersDoNotMixTheForms() {
            Snapshot rich = one("{'cpu_load':null,'processor':{'usage_percent':1}}");
            assertEquals(List.of(Measurement.gauge(SeriesKey.of("processor.usage_percent"), 1.0)), rich.measurements());
            Snapshot flat = one("{'mem':1,'seq':null}");
            assertEquals(List.of(Measurement.gauge(SeriesKey.of("memory.used"), MIB)), flat.measurements());
        }

        @Test
        void hugeNumericGpuIdIsRejected() {
            InvalidSnapshotException e = assertThrows(InvalidSnapshotException.class,
                    () -> parse("{'gpu':{'gpus':[{'id':1e300,'memory_used':1}]}}"));
            assertTrue(e.getMessage().startsWith("gpu.gpus[0].id: "), e.getMessage());
        }

    }

    @Nested
    class Arrays {

        @Test
        void parsesEveryItemInOrder() {
            List<Snapshot> snapshots = parse("[{'cpu_load':1,'time':1646650624},"
                    + "{'timestamp':1646650634,'seq':7,'memory':{'percentage':50}}]");
            assertEquals(2, snapshots.size());
            assertEquals(Instant.ofEpochSecond(1646650624), snapshots.get(0).time());
            assertEquals(1.0, value(snapshots.get(0), "processor.usage_percent"));
            assertEquals(7L, snapshots.get(1).seq());
            assertEquals(50.0, value(snapshots.get(1), "memory.percentage"));
            assertEquals("{\"cpu_load\":1,\"time\":1646650624}", snapshots.get(0).json().toString());
        }

        @Test
        void pathsStartWithTheItemIndex() {
            assertRejected("[{'cpu_load':1},{'cpu_load':2},{'disk':[{'path':'/','percentage':140}]}]",
                    "[2].disk[0].percentage: must be between 0 and 100, got 140");
            assertRejected("[{'cpu_load':1},{'time':1646650624}]",
                    "[1]: carries no value: cpu_load, mem or storage is required");
            assertRejected("[{'cpu_load':1},{'timestamp':1646650624}]", "[1]: carries no metric and no command");
        }

        @Test
        void emptyArray() {
            assertRejected("[]", "the array holds no snapshot");
        }

        @Test
        void nonObjectItems() {
            assertRejected("[{'cpu_load':1},5]", "[1]: must be a JSON object");
            assertRejected("[null]", "[0]: must be a JSON object");
            assertRejected("[[{'cpu_load':1}]]", "[0]: must be a JSON object");
        }

        @Test
        void thousandSnapshotsAreAcceptedAndOneMoreIsNot() {
            assertEquals(1000, parser.parse(flatSnapshots(1000)).size());
            assertRejected(flatSnapshots(1001).toString(), "at most 1000 snapshots per request, got 1001");
        }

        private JsonValue flatSnapshots(int count) {
            JsonArrayBuilder array = Json.createArrayBuilder();
            for (int i = 0; i < count; i++) {
                array.add(Json.createObjectBuilder().add("cpu_load", 1).add("time", 1646650624L + i));
            }
            return array.build();
        }
    }

    @Nested
    class UnknownShapes {

        static final String NO_KNOWN_METRIC = "carries no known metric (expected the flat form "
                + "{cpu_load, mem, storage, time} or the rich form {timestamp, processor, memory, ...})";

        @Test
        void objectWithoutKnownKeys() {
            assertRejected("{'cpu':5,'memory_used':3}", NO_KNOWN_METRIC);
            assertRejected("{}", NO_KNOWN_METRIC);
            assertRejected("[{'cpu_load':1},{'load':3}]", "[1]: " + NO_KNOWN_METRIC);
        }

        @Test
        void bodyThatIsNeitherObjectNorArray() {
            for (String body : List.of("5", "'text'", "null", "true")) {
                assertRejected(body, "the body must be a snapshot object or an array of snapshots");
            }
        }
    }

    @Nested
    class Bodies {

        List<Snapshot> parseBody(String text) {
            return parser.parse(text.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
        }

        @Test
        void aBodyOfSeveralSnapshots() {
            assertEquals(2, parseBody("[{'cpu_load':1},{'mem':2}]").size());
        }

        @Test
        void aRefusalCarriesTheSeqOfTheBodysFirstSnapshot() {
            InvalidSnapshotException e = assertThrows(InvalidSnapshotException.class, () -> parseBody(
                    "[{'seq':5,'processor':{'usage_percent':1}},{'seq':6,'processor':{'usage_percent':300}}]"));
            assertEquals("[1].processor.usage_percent: must be between 0 and 100, got 300", e.getMessage());
            assertEquals(5L, e.seq());
            assertEquals("invalid_snapshot", e.code());
            assertNull(assertThrows(InvalidSnapshotException.class, () -> parseBody("{'cpu_load':300}")).seq());
        }

        @Test
        void aBodyThatIsNotJsonIsInvalidJson() {
            RequestProblem e = assertThrows(RequestProblem.class, () -> parseBody("{'cpu_load':"));
            assertEquals("invalid_json", e.code());
            assertEquals(400, e.status());
        }
    }
}
