package org.opsmon.monitoring.selfmonitor.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opsmon.monitoring.ingest.control.SnapshotParser;
import org.opsmon.monitoring.ingest.entity.Measurement;
import org.opsmon.monitoring.ingest.entity.SeriesKey;
import org.opsmon.monitoring.ingest.entity.Snapshot;
import org.opsmon.monitoring.selfmonitor.control.HostProbe;
import org.opsmon.monitoring.selfmonitor.control.ProcessProbe;
import org.opsmon.monitoring.selfmonitor.entity.ConnectionCount;

/** The server's own snapshot of this machine, built without JSON and named like an agent's. */
class SelfSamplerTest {

    @TempDir
    static Path dataDir;

    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    static Snapshot snapshot() throws ReflectiveOperationException {
        HostProbe probe = new HostProbe();
        var field = HostProbe.class.getDeclaredField("dataDir");
        field.setAccessible(true);
        field.set(probe, dataDir.toString());
        SelfSampler sampler = new SelfSampler();
        sampler.probe = probe;
        return sampler.snapshot(NOW, new ProcessProbe().read(), new ConnectionCount(1, 3));
    }

    static Map<SeriesKey, Double> values(Snapshot snapshot) {
        return snapshot.measurements().stream().collect(Collectors.toMap(Measurement::key, Measurement::value));
    }

    @Test
    void storesTheSeriesAnAgentWouldForTheseFields() throws Exception {
        Snapshot snapshot = snapshot();
        String mount = values(snapshot).keySet().stream().filter(k -> k.metric().equals("disk.total"))
                .map(k -> k.labels().get("path")).findFirst().orElseThrow();
        Set<SeriesKey> expected = new HashSet<>();
        for (String metric : List.of("processor.usage_percent", "processor.core_count", "processor.logical_count",
                "processor.frequency_max", "processor.load_1", "processor.load_5", "processor.load_15",
                "memory.total", "memory.available", "memory.used", "memory.percentage", "memory.swap_total",
                "memory.swap_used", "system.boot_time", "system.uptime", "system.processes")) {
            expected.add(SeriesKey.of(metric));
        }
        for (String field : List.of("total", "used", "free", "percentage")) {
            expected.add(SeriesKey.of("disk." + field, "path", mount));
        }
        long cpus = Files.readAllLines(Path.of("/proc/stat")).stream().filter(l -> l.matches("cpu\\d+ .*")).count();
        for (int core = 0; core < cpus; core++) {
            expected.add(SeriesKey.of("processor.per_core_usage", "core", String.valueOf(core)));
        }
        for (String metric : List.of("process.heap.used", "process.heap.max", "process.nonheap.used", "process.rss",
                "process.threads", "process.threads_daemon", "process.threads_peak", "process.open_files",
                "process.open_files_max", "process.uptime", "process.db.connections", "process.db.pool_size")) {
            expected.add(SeriesKey.of(metric));
        }
        Set<SeriesKey> process = values(snapshot).keySet().stream().filter(k -> k.metric().startsWith("process."))
                .collect(Collectors.toSet());
        // Present only once a collection ran, or where the JVM defines a non-heap maximum.
        process.stream().filter(k -> Set.of("process.heap.after_gc", "process.heap.after_gc_percent",
                "process.nonheap.max").contains(k.metric())).forEach(expected::add);
        assertEquals(process.contains(SeriesKey.of("process.heap.after_gc")),
                process.contains(SeriesKey.of("process.heap.after_gc_percent")),
                "the percentage whenever heap after GC is known (the default heap alert rule watches it)");
        Set<SeriesKey> counters = snapshot.measurements().stream().filter(Measurement::counter).map(Measurement::key)
                .collect(Collectors.toSet());
        expected.addAll(counters);
        assertEquals(expected, values(snapshot).keySet());
        assertTrue(counters.stream().allMatch(k -> k.labels().containsKey("collector")
                && (k.metric().equals("process.gc.collections") || k.metric().equals("process.gc.time_ms"))), counters::toString);
        assertTrue(counters.size() >= 2, "a collector at least: " + counters);
        assertTrue(dataDir.startsWith(mount), mount + " holds " + dataDir);
        assertEquals(NOW, snapshot.time());
        assertEquals((long) (double) values(snapshot).get(SeriesKey.of("system.boot_time")), snapshot.bootTime());
    }

    @Test
    void readsWhatTheKernelReports() throws Exception {
        Map<SeriesKey, Double> values = values(snapshot());
        assertEquals(meminfoBytes("MemTotal"), values.get(SeriesKey.of("memory.total")));
        assertEquals(meminfoBytes("SwapTotal"), values.get(SeriesKey.of("memory.swap_total")));
        long btime = Files.readAllLines(Path.of("/proc/stat")).stream().filter(l -> l.startsWith("btime "))
                .mapToLong(l -> Long.parseLong(l.substring(6).trim())).findFirst().orElseThrow();
        assertEquals(btime, values.get(SeriesKey.of("system.boot_time")), 2.0);
        assertEquals(Files.getFileStore(dataDir).getTotalSpace(),
                values.entrySet().stream().filter(e -> e.getKey().metric().equals("disk.total"))
                        .mapToDouble(Map.Entry::getValue).sum());
        double cpu = values.get(SeriesKey.of("processor.usage_percent"));
        assertTrue(cpu >= 0 && cpu <= 100, "cpu " + cpu);
        assertEquals(Runtime.getRuntime().maxMemory(), values.get(SeriesKey.of("process.heap.max")), 0.0);
        assertEquals(3.0, values.get(SeriesKey.of("process.db.pool_size")));
        assertEquals(1.0, values.get(SeriesKey.of("process.db.connections")));
    }

    @Test
    void itsLatestViewIsTheRichFormOfTheSameReadings() throws Exception {
        Snapshot typed = snapshot();
        Snapshot parsed = new SnapshotParser().parse(typed.json().toString().getBytes(StandardCharsets.UTF_8)).get(0);
        // The agents' schema has no process section: the server's own process is shown, not parsed.
        Map<SeriesKey, Double> host = values(typed);
        host.keySet().removeIf(k -> k.metric().startsWith("process."));
        assertEquals(host, values(parsed));
        assertEquals(typed.time(), parsed.time());
        assertEquals(typed.bootTime(), parsed.bootTime());
        assertTrue(typed.json().getJsonObject("system").getString("hostname").length() > 0);
        var process = typed.json().getJsonObject("process");
        assertTrue(process.getJsonObject("heap").getJsonNumber("used").longValue() > 0, process::toString);
        assertTrue(process.getJsonArray("gc").getJsonObject(0).containsKey("collections"), process::toString);
    }

    static double meminfoBytes(String field) throws IOException {
        return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith(field + ":"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElseThrow() * 1024.0;
    }
}
