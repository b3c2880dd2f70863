package org.opsmon.monitoring.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The server watches its own host and keeps that history like any client's. */
class SelfMonitoringIT extends DeployedApplication {

    @Test
    void cpuLoadIsAPercentage() {
        double load = api.get("/api/monitor/cpu/load", admin).expect(200).json().getJsonNumber("load").doubleValue();
        assertTrue(load >= 0 && load <= 100, "load " + load);
    }

    @Test
    void memoryMatchesProcMeminfo() throws Exception {
        long memTotalKb = meminfo("MemTotal");
        JsonObject kb = api.get("/api/monitor/memory/info?units=KB", admin).expect(200).json();
        assertEquals("KB", kb.getString("units"));
        assertEquals(memTotalKb, kb.getJsonNumber("total").doubleValue(), 1.0);
        for (String field : List.of("available", "used", "free", "percent", "cached", "buffers", "active", "inactive")) {
            assertTrue(kb.containsKey(field), field + " missing in " + kb);
        }
        JsonObject bytes = api.get("/api/monitor/memory/info?units=B", admin).expect(200).json();
        assertEquals(memTotalKb * 1024, bytes.getJsonNumber("total").longValue());
        JsonObject mb = api.get("/api/monitor/memory/info", admin).expect(200).json();
        assertEquals("MB", mb.getString("units"));
        assertEquals("invalid_units", api.get("/api/monitor/memory/info?units=TB", admin).expect(400).error());
    }

    @Test
    void storageIsConsistent() {
        JsonObject gb = api.get("/api/monitor/storage/info?units=GB", admin).expect(200).json();
        double total = gb.getJsonNumber("total").doubleValue();
        double used = gb.getJsonNumber("used").doubleValue();
        double free = gb.getJsonNumber("free").doubleValue();
        assertTrue(total > 0 && used >= 0 && free >= 0 && used + free <= total + 0.1, gb.toString());
        double percent = gb.getJsonNumber("percent").doubleValue();
        assertTrue(percent >= 0 && percent <= 100);
        assertEquals("invalid_units", api.get("/api/monitor/storage/info?units=pages", admin).expect(400).error());
    }

    @Test
    void serverHistoryFollowsThisHostAndExportsAsCsv() throws Exception {
        // The tests' server samples every 2 s; its CPU figures are compared over the same seconds:
        // each sample covers the time since the one before.
        long since = Instant.now().getEpochSecond();
        awaitRows(since, 1);
        long[] ticksFrom = cpuTicks();
        List<JsonObject> rows = awaitRows(since, 5);
        long[] ticksTo = cpuTicks();

        double sampled = rows.subList(1, 5).stream().mapToDouble(r -> r.getJsonNumber("cpu").doubleValue())
                .average().orElseThrow();
        double busy = 100.0 * (ticksTo[0] - ticksFrom[0]) / Math.max(1, ticksTo[1] - ticksFrom[1]);
        assertEquals(busy, sampled, 25.0, "CPU % sampled by the server vs /proc/stat over the same seconds");

        double[] times = rows.stream().mapToDouble(r -> r.getJsonNumber("unix_time").doubleValue()).toArray();
        for (int i = 1; i < times.length; i++) {
            double gap = times[i] - times[i - 1];
            assertTrue(gap >= 1 && gap <= 10, "samples 2 s apart, got a gap of " + gap + " s");
        }

        JsonObject last = rows.get(rows.size() - 1);
        long totalKb = meminfo("MemTotal");
        double usedMib = (totalKb - meminfo("MemAvailable")) / 1024.0;
        assertEquals(usedMib, last.getJsonNumber("mem").doubleValue(), totalKb / 1024.0 * 0.1,
                "memory used (MiB) vs /proc/meminfo, within 10 % of the total");
        assertEquals(dataFileStore().getTotalSpace(), latestOf("storage.total"), 0.5);
        assertEquals(totalKb * 1024.0, latestOf("memory.total"), 0.5);
        assertEquals(procStat().filter(l -> l.startsWith("btime ")).mapToLong(l -> Long.parseLong(l.substring(6).trim()))
                .findFirst().orElseThrow(), latestOf("system.boot_time"), 2.0);

        long cpus = procStat().filter(l -> l.matches("cpu\\d+ .*")).count();
        assertEquals(cpus, latestOf("processor.logical_count"));
        JsonArray cores = api.get("/api/clients/server/series?metric=processor.per_core_usage", admin).expect(200).json()
                .getJsonArray("series");
        assertEquals(cpus, cores.size());

        List<String> csv = api.get("/api/clients/server/time/report", admin, "text/csv").expect(200).body().lines().toList();
        assertEquals("unix_time,cpu,mem,storage,mem_percent,storage_percent,swap_used,load_1", csv.get(0));
        assertTrue(csv.size() > rows.size(), "a header and at least the rows seen: " + csv.size());
        JsonObject span = api.get("/api/clients/server/time", admin).expect(200).json();
        assertTrue(span.getJsonNumber("end").doubleValue() >= times[times.length - 1]);
    }

    @Test
    void theServersLatestSnapshotReadsLikeAnAgents() throws Exception {
        awaitRows(Instant.now().getEpochSecond(), 1);
        JsonObject latest = api.get("/api/clients/server/latest", admin).expect(200).json();
        JsonObject snapshot = latest.getJsonObject("snapshot");
        assertEquals(meminfo("MemTotal") * 1024, snapshot.getJsonObject("memory").getJsonNumber("total").longValue());
        double cpu = snapshot.getJsonObject("processor").getJsonNumber("usage_percent").doubleValue();
        assertTrue(cpu >= 0 && cpu <= 100, "cpu " + cpu);
        assertEquals(procStat().filter(l -> l.matches("cpu\\d+ .*")).count(),
                snapshot.getJsonObject("processor").getJsonArray("per_core_usage").size());
        JsonObject disk = snapshot.getJsonArray("disk").getJsonObject(0);
        assertEquals(dataFileStore().getTotalSpace(), disk.getJsonNumber("total").longValue());
        assertFalse(snapshot.getJsonObject("system").getString("hostname").isEmpty());
    }

    /** Waits, up to a deadline, until the server's report since then holds at least this many rows. */
    List<JsonObject> awaitRows(long since, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            List<JsonObject> rows = api.get("/api/clients/server/time/report?start=" + since, admin).expect(200).json()
                    .getJsonArray("payload").getValuesAs(JsonObject.class);
            if (rows.size() >= count) {
                return rows;
            }
            assertTrue(System.nanoTime() < deadline, "the server sampled itself " + rows.size() + " times, expected "
                    + count);
            Thread.sleep(100);
        }
    }

    /** The newest value of one of the server's own series. */
    double latestOf(String metric) {
        JsonArray points = api.get("/api/clients/server/series?metric=" + metric, admin).expect(200).json()
                .getJsonArray("series").getJsonObject(0).getJsonArray("points");
        return points.getJsonObject(points.size() - 1).getJsonNumber("max").doubleValue();
    }

    /** Busy and total jiffies of all CPUs, as the kernel counts them. */
    static long[] cpuTicks() throws IOException {
        String[] fields = procStat().filter(l -> l.startsWith("cpu ")).findFirst().orElseThrow().trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < Math.min(fields.length, 9); i++) {
            total += Long.parseLong(fields[i]);
        }
        long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
        return new long[] {total - idle, total};
    }

    static Stream<String> procStat() throws IOException {
        return Files.readAllLines(Path.of("/proc/stat")).stream();
    }

    static long meminfo(String field) throws IOException {
        return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith(field + ":"))
                .map(l -> l.replaceAll("\\D", "")).mapToLong(Long::parseLong).findFirst().orElseThrow();
    }

    /** The filesystem of the server's data directory, which the server reports as its disk. */
    static FileStore dataFileStore() throws IOException {
        Path dir = Path.of(System.getProperty("it.data.dir"), "postgres").toAbsolutePath();
        while (!Files.exists(dir)) {
            dir = dir.getParent();
        }
        return Files.getFileStore(dir);
    }

    @Test
    void healthReportsDatabaseAndMigrations() {
        JsonObject health = api.get(api.root() + "/health", null).expect(200).json();
        assertEquals("UP", health.getString("status"));
        JsonObject database = health.getJsonArray("checks").stream().map(v -> v.asJsonObject())
                .filter(c -> c.getString("name").equals("database")).findFirst().orElseThrow();
        assertEquals("PostgreSQL", database.getJsonObject("data").getString("database"));
        assertEquals("true", database.getJsonObject("data").get("migrations_applied").toString().replace("\"", ""));
    }

    @Test
    void theServerStoresItsOwnProcessAsTheKernelSeesIt() throws Exception {
        ServerProcess payara = ServerProcess.listeningOn(base.getPort());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (api.get("/api/clients/server/series?metric=process.rss", admin).expect(200).json()
                .getJsonArray("series").isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "process.rss of the server within 60 s");
            Thread.sleep(200);
        }
        double stored = latestOf("process.rss");
        long kernel = payara.status("VmRSS");
        assertEquals(kernel, stored, kernel * 0.25, "process.rss vs VmRSS of pid " + payara.pid());
        assertTrue(latestOf("process.threads") > 10);
        assertTrue(latestOf("process.heap.used") <= latestOf("process.heap.max"));
        assertTrue(latestOf("process.open_files") > 10);
        assertTrue(latestOf("process.db.pool_size") >= 1, "the pool holds a connection at least");
        JsonArray collectors = api.get("/api/clients/server/series?metric=process.gc.collections", admin).expect(200)
                .json().getJsonArray("series");
        assertFalse(collectors.isEmpty());
        assertFalse(collectors.getJsonObject(0).getJsonObject("labels").getString("collector").isBlank());
        JsonObject process = api.get("/api/clients/server/latest", admin).expect(200).json().getJsonObject("snapshot")
                .getJsonObject("process");
        assertTrue(process.getJsonObject("heap").getJsonNumber("max").longValue() > 0, process::toString);
    }

    @Test
    void processEndpointDescribesTheServerJvm() throws Exception {
        ServerProcess payara = ServerProcess.listeningOn(base.getPort());
        JsonObject process = api.get("/api/monitor/process", admin).expect(200).json();
        JsonObject heap = process.getJsonObject("heap");
        assertTrue(heap.getJsonNumber("used").longValue() <= heap.getJsonNumber("max").longValue(), heap::toString);
        assertEquals(512L * 1024 * 1024, heap.getJsonNumber("max").doubleValue(), 64.0 * 1024 * 1024, "-Xmx512m");
        assertTrue(process.getJsonObject("non_heap").getJsonNumber("used").longValue() > 0);
        long rss = payara.status("VmRSS");
        assertEquals(rss, process.getJsonNumber("rss").doubleValue(), rss * 0.25);
        JsonObject threads = process.getJsonObject("threads");
        int live = threads.getInt("live");
        assertTrue(live > 10 && live <= payara.status("Threads") && threads.getInt("peak") >= live, threads::toString);
        JsonObject files = process.getJsonObject("open_files");
        long open = files.getJsonNumber("open").longValue();
        assertTrue(open > 10 && open <= files.getJsonNumber("max").longValue(), files::toString);
        assertEquals(payara.openFiles(), open, Math.max(20, open * 0.25), "open files vs /proc/" + payara.pid() + "/fd");
        JsonObject gc = process.getJsonArray("gc").getJsonObject(0);
        assertTrue(gc.getJsonNumber("collections").longValue() >= 0 && gc.containsKey("time_ms"), gc::toString);

        // The pool's connections as PostgreSQL lists them, under the name carrying the server's pid.
        JsonObject db = process.getJsonObject("db_connections");
        long listed = Database.count("SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = ?",
                "opsmon-monitoring " + payara.pid());
        assertTrue(listed >= 1, "connections named after pid " + payara.pid());
        long poolOpen = db.getJsonNumber("open").longValue();
        assertTrue(poolOpen >= 1 && poolOpen <= 32 && Math.abs(poolOpen - listed) <= 2, db + " vs " + listed);
        assertTrue(db.getJsonNumber("in_use").longValue() >= 0 && db.getJsonNumber("in_use").longValue() < poolOpen);

        JsonObject growth = process.getJsonObject("growth_per_hour");
        for (String field : List.of("heap_after_gc", "rss", "threads", "open_files", "window_s")) {
            assertTrue(growth.containsKey(field), field + " in " + growth);
        }
        assertTrue(process.getJsonNumber("uptime_s").longValue() > 0);
        assertEquals(0, process.getJsonArray("warnings").size(), process.toString());
        assertEquals(401, api.get("/api/monitor/process", null).status());
        assertEquals(403, api.get("/api/monitor/process", api.newAgent(admin, "proc").token()).status());
    }

    @Test
    void healthListsNoProcessWarningsHere() {
        JsonObject health = api.get(api.root() + "/health", null).expect(200).json();
        JsonObject process = health.getJsonArray("checks").stream().map(v -> v.asJsonObject())
                .filter(c -> c.getString("name").equals("process")).findFirst().orElseThrow();
        assertEquals("UP", process.getString("status"));
        // Payara writes every data value as a string; other servers write numbers as numbers.
        assertEquals("0", process.getJsonObject("data").get("warnings").toString().replace("\"", ""), process.toString());
        double heapPercent = Double.parseDouble(process.getJsonObject("data").getString("heap_after_gc_percent", "0"));
        assertTrue(heapPercent >= 0 && heapPercent < 90, process.toString());
    }

    @Test
    void openApiDescribesTheEndpoints() {
        String openapi = api.get(api.root() + "/openapi", null).expect(200).body();
        for (String path : List.of("/api/auth/token", "/api/clients", "/api/clients/{client}/metrics",
                "/api/clients/{client}/time/report", "/api/clients/{client}/series", "/api/monitor/memory/info",
                "/api/clients/{client}/tokens", "/api/clients/{client}/commands", "/api/monitor/process")) {
            assertTrue(openapi.contains(path + ":"), path + " missing from OpenAPI");
        }
    }
}
