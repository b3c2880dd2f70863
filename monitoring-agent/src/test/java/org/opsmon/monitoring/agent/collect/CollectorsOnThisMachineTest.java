package org.opsmon.monitoring.agent.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import oshi.SystemInfo;

/**
 * Checks collectors against what this machine's kernel says, read here independently of the
 * collectors (/proc/stat, /proc/meminfo, statvfs through {@link Files#getFileStore},
 * /proc/net/dev, /proc/diskstats). Counters and gauges move while the test runs, so each
 * collected value must lie between readings taken just before and just after it.
 */
class CollectorsOnThisMachineTest {

    private static final SystemInfo SI = new SystemInfo();
    private static final long MIB = 1L << 20;

    @Test
    void cpuUsageMatchesProcStatOverTheSameWindow() throws Exception {
        long processors = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(l -> l.matches("processor\\s*:.*")).count();
        ProcessorCollector c = new ProcessorCollector(SI.getHardware().getProcessor());
        // The collector reads its ticks first thing, so these readings bound the same window.
        Map<String, long[]> before = procStat();
        JsonObject first = c.collect().get("processor").asJsonObject();
        assertFalse(first.containsKey("usage_percent"), "first run has no previous ticks to compare");
        busyFor(1_000);
        Map<String, long[]> after = procStat();
        JsonObject second = c.collect().get("processor").asJsonObject();

        assertEquals(processors, first.getInt("logical_count"));
        assertTrue(first.getInt("core_count") >= 1 && first.getInt("core_count") <= processors);
        double usage = number(second, "usage_percent");
        double expected = busyPercent(before.get("cpu"), after.get("cpu"));
        assertEquals(expected, usage, 5.0, "whole-machine usage against /proc/stat");
        assertTrue(usage > 0, "a busy thread ran for the whole window");
        JsonArray cores = second.getJsonArray("per_core_usage");
        assertEquals(processors, cores.size());
        for (int i = 0; i < cores.size(); i++) {
            double core = cores.getJsonNumber(i).doubleValue();
            assertEquals(busyPercent(before.get("cpu" + i), after.get("cpu" + i)), core, 10.0, "core " + i);
        }
        double[] load = loadAverages();
        double[] loadAfter = loadAverages();
        assertBetween(Math.min(load[0], loadAfter[0]) - 0.5, number(second, "load_1"), Math.max(load[0], loadAfter[0]) + 0.5,
                "load_1 against /proc/loadavg");
    }

    /** Keeps one core busy, so the usage compared is not just the idle noise of a quiet machine. */
    private static void busyFor(long millis) {
        long until = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }

    private static Map<String, long[]> procStat() throws IOException {
        Map<String, long[]> out = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
            if (line.startsWith("cpu")) {
                String[] f = line.trim().split("\\s+");
                long[] ticks = new long[8];
                for (int i = 0; i < 8; i++) {
                    ticks[i] = Long.parseLong(f[i + 1]);
                }
                out.put(f[0], ticks);
            }
        }
        return out;
    }

    /** user nice system idle iowait irq softirq steal; idle and iowait are not busy. */
    private static double busyPercent(long[] a, long[] b) {
        long total = 0;
        for (int i = 0; i < 8; i++) {
            total += b[i] - a[i];
        }
        long idle = b[3] - a[3] + b[4] - a[4];
        return total == 0 ? 0 : 100.0 * (total - idle) / total;
    }

    private static double[] loadAverages() throws IOException {
        String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
        return new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])};
    }

    @Test
    void memoryMatchesProcMeminfo() throws Exception {
        Map<String, Long> before = meminfo();
        JsonObject m = new MemoryCollector(SI.getHardware().getMemory()).collect().get("memory").asJsonObject();
        Map<String, Long> after = meminfo();

        assertEquals(before.get("MemTotal"), m.getJsonNumber("total").longValue());
        long available = m.getJsonNumber("available").longValue();
        assertBetween(Math.min(before.get("MemAvailable"), after.get("MemAvailable")) - 16 * MIB, available,
                Math.max(before.get("MemAvailable"), after.get("MemAvailable")) + 16 * MIB, "available against MemAvailable");
        long usedByKernel = before.get("MemTotal") - before.get("MemAvailable");
        assertEquals(usedByKernel, m.getJsonNumber("used").longValue(), 64.0 * MIB, "used is MemTotal - MemAvailable");
        assertEquals(100.0 * usedByKernel / before.get("MemTotal"), number(m, "percentage"), 1.0);
        assertEquals(before.get("SwapTotal"), m.getJsonNumber("swap_total").longValue());
        assertEquals(before.get("SwapTotal") - before.get("SwapFree"), m.getJsonNumber("swap_used").longValue(), 64.0 * MIB);
    }

    /** Values in bytes. */
    private static Map<String, Long> meminfo() throws IOException {
        Map<String, Long> out = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            String[] f = line.split(":\\s*|\\s+");
            out.put(f[0], Long.parseLong(f[1]) * (line.endsWith("kB") ? 1024 : 1));
        }
        return out;
    }

    @Test
    void filesystemsMatchStatvfsAndTheRootFilesystemIsListed() throws Exception {
        Set<String> mountPoints = new HashSet<>();
        String rootSource = null;
        for (String line : Files.readAllLines(Path.of("/proc/mounts"))) {
            String[] f = line.split(" ");
            mountPoints.add(f[1]);
            if (f[1].equals("/")) {
                rootSource = f[0];
            }
        }
        JsonArray disks = new FilesystemCollector(SI.getOperatingSystem().getFileSystem()).collect().get("disk").asJsonArray();
        assertFalse(disks.isEmpty(), "every host has at least one filesystem on a device");
        Set<String> listed = new TreeSet<>();
        for (JsonValue v : disks) {
            JsonObject d = v.asJsonObject();
            String path = d.getString("path");
            listed.add(path);
            assertTrue(mountPoints.contains(path), path + " is not a mount point in /proc/mounts");
            FileStore store = Files.getFileStore(Path.of(path));
            assertEquals(store.getTotalSpace(), d.getJsonNumber("total").longValue(), path + " total against statvfs");
            assertEquals(store.getUsableSpace(), d.getJsonNumber("free").longValue(), 256.0 * MIB,
                    path + " free against statvfs (other processes write meanwhile)");
            long used = d.getJsonNumber("used").longValue();
            assertEquals(store.getTotalSpace() - store.getUnallocatedSpace(), used, 256.0 * MIB, path + " used");
            double pct = number(d, "percentage");
            assertTrue(pct >= 0 && pct <= 100, path + " percentage " + pct);
        }
        // On a container's overlay root the host's disks show up as bind mounts instead.
        if (rootSource != null && rootSource.startsWith("/dev/")) {
            assertTrue(listed.contains("/"), "/ (" + rootSource + ") missing from " + listed);
        }
    }

    @Test
    void networkCountersMatchProcNetDevAndLoopbackIsThere() throws Exception {
        Map<String, long[]> before = netDev();
        JsonArray listed = new NetworkCollector().collect().get("network").asJsonArray();
        Map<String, long[]> after = netDev();

        Set<String> names = new HashSet<>();
        String[] keys = {"bytes_recv", "packets_recv", "errors_in", "drops_in", "bytes_sent", "packets_sent", "errors_out",
                "drops_out"};
        int[] columns = {0, 1, 2, 3, 8, 9, 10, 11};
        for (JsonValue v : listed) {
            JsonObject nic = v.asJsonObject();
            String name = nic.getString("interface");
            names.add(name);
            if (before.containsKey(name) && after.containsKey(name)) {
                for (int k = 0; k < keys.length; k++) {
                    assertBetween(before.get(name)[columns[k]], nic.getJsonNumber(keys[k]).longValue(),
                            after.get(name)[columns[k]], name + " " + keys[k]);
                }
            }
        }
        assertTrue(names.contains("lo"), "lo missing from " + names);
        Set<String> stable = new HashSet<>(before.keySet());
        stable.retainAll(after.keySet());
        assertTrue(names.containsAll(stable), "every interface of /proc/net/dev is listed: " + stable + " vs " + names);
    }

    @Test
    void loopbackCountersGrowWithLoopbackTraffic() throws Exception {
        NetworkCollector c = new NetworkCollector();
        JsonObject before = lo(c);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             Socket accepted = server.accept()) {
            OutputStream out = client.getOutputStream();
            out.write(new byte[256 * 1024]);
            out.flush();
            InputStream in = accepted.getInputStream();
            byte[] buf = new byte[64 * 1024];
            int total = 0;
            while (total < 256 * 1024) {
                total += in.read(buf);
            }
        }
        JsonObject after = lo(c);
        assertTrue(after.getJsonNumber("bytes_recv").longValue() >= before.getJsonNumber("bytes_recv").longValue() + 256 * 1024);
        assertTrue(after.getJsonNumber("packets_sent").longValue() > before.getJsonNumber("packets_sent").longValue());
    }

    private static JsonObject lo(NetworkCollector c) throws Exception {
        for (JsonValue v : c.collect().get("network").asJsonArray()) {
            if (v.asJsonObject().getString("interface").equals("lo")) {
                return v.asJsonObject();
            }
        }
        throw new AssertionError("lo not reported");
    }

    private static Map<String, long[]> netDev() throws IOException {
        Map<String, long[]> out = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc/net/dev"))) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                String[] f = line.substring(colon + 1).trim().split("\\s+");
                long[] values = new long[f.length];
                for (int i = 0; i < f.length; i++) {
                    values[i] = Long.parseLong(f[i]);
                }
                out.put(line.substring(0, colon).trim(), values);
            }
        }
        return out;
    }

    @Test
    void diskIoMatchesDiskstatsForEveryWholeDeviceAndTheRootDiskIsListed() throws Exception {
        Map<String, long[]> before = diskstats();
        JsonArray io = new DiskIoCollector().collect().get("disk_io").asJsonArray();
        Map<String, long[]> after = diskstats();

        Set<String> listed = new TreeSet<>();
        for (JsonValue v : io) {
            JsonObject d = v.asJsonObject();
            String dev = d.getString("device");
            listed.add(dev);
            assertTrue(Files.isDirectory(Path.of("/sys/block", dev)), dev + " is not a whole block device");
            // diskstats columns after the name: reads, merged, sectors read, ms, writes, merged, sectors written
            assertBetween(before.get(dev)[0], d.getJsonNumber("reads").longValue(), after.get(dev)[0], dev + " reads");
            assertBetween(before.get(dev)[2] * 512, d.getJsonNumber("read_bytes").longValue(), after.get(dev)[2] * 512,
                    dev + " read_bytes");
            assertBetween(before.get(dev)[4], d.getJsonNumber("writes").longValue(), after.get(dev)[4], dev + " writes");
            assertBetween(before.get(dev)[6] * 512, d.getJsonNumber("write_bytes").longValue(), after.get(dev)[6] * 512,
                    dev + " write_bytes");
        }
        try (Stream<Path> block = Files.list(Path.of("/sys/block"))) {
            block.map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith("loop") && !n.startsWith("ram") && before.containsKey(n))
                    .forEach(n -> assertTrue(listed.contains(n), n + " missing from " + listed));
        }
        String rootDisk = rootDisk();
        if (rootDisk != null) {
            assertTrue(listed.contains(rootDisk), "the disk under / (" + rootDisk + ") missing from " + listed);
        }
    }

    private static Map<String, long[]> diskstats() throws IOException {
        Map<String, long[]> out = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc/diskstats"))) {
            String[] f = line.trim().split("\\s+");
            long[] values = new long[f.length - 3];
            for (int i = 3; i < f.length; i++) {
                values[i - 3] = Long.parseLong(f[i]);
            }
            out.put(f[2], values);
        }
        return out;
    }

    /** The whole disk the root filesystem lives on, from its device number; null on overlay or tmpfs roots. */
    private static String rootDisk() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String[] f = line.split(" ");
            if (f[4].equals("/") && !f[2].startsWith("0:")) {
                Path dev = Path.of("/sys/dev/block", f[2]);
                if (!Files.exists(dev)) {
                    return null;
                }
                Path real = dev.toRealPath();
                // A partition's directory sits inside its disk's directory.
                return (Files.exists(real.resolve("partition")) ? real.getParent() : real).getFileName().toString();
            }
        }
        return null;
    }

    @Test
    void systemFactsMatchTheKernel() throws Exception {
        long bootBefore = bootTime();
        var out = new SystemCollector(SI.getOperatingSystem()).collect();
        JsonObject s = out.get("system").asJsonObject();
        assertEquals(Files.readString(Path.of("/proc/sys/kernel/hostname")).trim(), s.getString("hostname"));
        assertEquals(bootBefore, s.getJsonNumber("boot_time").longValue(), 2.0, "boot_time against btime in /proc/stat");
        double uptime = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
        assertEquals(uptime, ((JsonNumber) out.get("uptime")).longValue(), 5.0, "uptime against /proc/uptime");
        long pids;
        try (Stream<Path> proc = Files.list(Path.of("/proc"))) {
            pids = proc.filter(p -> p.getFileName().toString().matches("\\d+")).count();
        }
        assertEquals(pids, s.getJsonNumber("processes").longValue(), Math.max(20, pids / 5.0), "processes against /proc");
        assertTrue(s.getInt("users") >= 0);
    }

    private static long bootTime() throws IOException {
        return Files.readAllLines(Path.of("/proc/stat")).stream().filter(l -> l.startsWith("btime "))
                .mapToLong(l -> Long.parseLong(l.substring(6).trim())).findFirst().orElseThrow();
    }

    @Test
    void fieldsNeverCarryNanOrNegatives() {
        var b = Fields.object();
        Fields.number(b, "nan", Double.NaN);
        Fields.number(b, "inf", Double.POSITIVE_INFINITY);
        Fields.size(b, "neg", -1);
        Fields.percent(b, "high", 140.0);
        Fields.percent(b, "low", -3.0);
        JsonObject o = b.build();
        assertEquals(Set.of("high", "low"), o.keySet());
        assertEquals(100.0, o.getJsonNumber("high").doubleValue());
        assertEquals(0.0, o.getJsonNumber("low").doubleValue());
    }

    private static double number(JsonObject o, String key) {
        assertTrue(o.containsKey(key), key + " missing from " + o);
        return o.getJsonNumber(key).doubleValue();
    }

    private static void assertBetween(double low, double value, double high, String what) {
        assertTrue(value >= low && value <= high, what + ": " + value + " not within [" + low + ", " + high + "]");
    }
}
