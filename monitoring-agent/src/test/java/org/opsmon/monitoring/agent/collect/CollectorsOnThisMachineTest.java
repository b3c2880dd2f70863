package org.opsmon.monitoring.agent.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import oshi.SystemInfo;

/** Checks collectors against what this machine's /proc says, not against the collectors' own idea. */
class CollectorsOnThisMachineTest {

    private static final SystemInfo SI = new SystemInfo();

    @Test
    void logicalCoresMatchCpuinfoAndUsageIsAPercentage() throws Exception {
        long processors = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(l -> l.matches("processor\\s*:.*")).count();
        ProcessorCollector c = new ProcessorCollector(SI.getHardware().getProcessor());
        JsonObject first = c.collect().get("processor").asJsonObject();
        assertEquals(processors, first.getInt("logical_count"));
        assertTrue(first.getInt("core_count") >= 1);
        assertTrue(!first.containsKey("usage_percent"), "first run has no previous ticks to compare");
        Thread.sleep(300);
        JsonObject second = c.collect().get("processor").asJsonObject();
        double usage = second.getJsonNumber("usage_percent").doubleValue();
        assertTrue(usage >= 0 && usage <= 100, "usage " + usage);
        assertEquals(processors, second.getJsonArray("per_core_usage").size());
        assertTrue(second.getJsonNumber("load_1").doubleValue() >= 0);
    }

    @Test
    void memoryTotalIsMemTotal() throws Exception {
        long kb = Files.readAllLines(Path.of("/proc/meminfo")).stream()
                .filter(l -> l.startsWith("MemTotal:"))
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElseThrow();
        JsonObject m = new MemoryCollector(SI.getHardware().getMemory()).collect().get("memory").asJsonObject();
        assertEquals(kb * 1024, m.getJsonNumber("total").longValue());
        assertEquals(m.getJsonNumber("total").longValue(),
                m.getJsonNumber("used").longValue() + m.getJsonNumber("available").longValue());
        double pct = m.getJsonNumber("percentage").doubleValue();
        assertTrue(pct >= 0 && pct <= 100);
    }

    @Test
    void everyListedMountIsARealMountAndRootIsThere() throws Exception {
        List<String> mounts = Files.readAllLines(Path.of("/proc/mounts"));
        Set<String> realPaths = new HashSet<>();
        boolean rootIsReal = false;
        for (String line : mounts) {
            String[] f = line.split(" ");
            if (FilesystemCollector.isReal(f[2], f[0])) {
                realPaths.add(f[1]);
                rootIsReal |= f[1].equals("/");
            }
        }
        JsonArray disks = new FilesystemCollector(SI.getOperatingSystem().getFileSystem()).collect().get("disk").asJsonArray();
        Set<String> listed = new HashSet<>();
        for (JsonValue v : disks) {
            JsonObject d = v.asJsonObject();
            listed.add(d.getString("path"));
            assertTrue(realPaths.contains(d.getString("path")), d + " is not a real mount in /proc/mounts");
            assertTrue(d.getJsonNumber("total").longValue() > 0);
            assertTrue(d.getJsonNumber("free").longValue() >= 0);
            double pct = d.getJsonNumber("percentage").doubleValue();
            assertTrue(pct >= 0 && pct <= 100);
        }
        if (rootIsReal) {
            assertTrue(listed.contains("/"), "/ missing from " + listed);
        }
    }

    @Test
    void loopbackCountersGrowWithLoopbackTraffic() throws Exception {
        NetworkCollector c = new NetworkCollector();
        JsonObject before = lo(c);
        for (String k : List.of("bytes_sent", "bytes_recv", "packets_sent", "packets_recv", "errors_in", "drops_out")) {
            assertTrue(before.getJsonNumber(k).longValue() >= 0, k);
        }
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

    @Test
    void diskIoListsWholeDevicesFromDiskstats() throws Exception {
        JsonArray io = new DiskIoCollector().collect().get("disk_io").asJsonArray();
        for (JsonValue v : io) {
            String dev = v.asJsonObject().getString("device");
            assertTrue(Files.isDirectory(Path.of("/sys/block", dev)), dev + " is not a whole block device");
            assertTrue(v.asJsonObject().getJsonNumber("read_bytes").longValue() >= 0);
        }
    }

    @Test
    void systemFactsAreSane() throws Exception {
        var out = new SystemCollector(SI.getOperatingSystem()).collect();
        JsonObject s = out.get("system").asJsonObject();
        assertTrue(s.getJsonNumber("processes").longValue() > 0);
        assertTrue(s.getJsonNumber("boot_time").longValue() < System.currentTimeMillis() / 1000);
        assertTrue(s.getInt("users") >= 0);
        assertTrue(!s.getString("hostname").isEmpty());
        assertTrue(((jakarta.json.JsonNumber) out.get("uptime")).longValue() > 0);
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
}
