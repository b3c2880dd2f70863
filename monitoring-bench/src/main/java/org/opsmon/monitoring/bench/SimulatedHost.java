package org.opsmon.monitoring.bench;

import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import java.io.StringWriter;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One imaginary machine behind a bench client: an 8-core server with three file systems, two
 * block devices and three network interfaces, whose gauges wander and whose counters only grow,
 * so the server does the same work as for a real agent (series lookup, counter-to-rate
 * derivation, about a hundred samples a snapshot). Timestamps advance one second per snapshot
 * from a point in the past and double as {@code seq}, which keeps both unique and increasing
 * even when a later run continues the same client. Not thread-safe: one worker owns a host.
 */
final class SimulatedHost {

    static final int CORES = 8;
    private static final long GIB = 1024L * 1024 * 1024;
    private static final JsonGeneratorFactory JSON = Json.createGeneratorFactory(Map.of());

    private static final String[][] DISKS = {
        {"/", "/dev/nvme0n1p2", "ext4"},
        {"/boot/efi", "/dev/nvme0n1p1", "vfat"},
        {"/var/lib/postgresql", "/dev/sdb1", "xfs"},
    };
    private static final long[] DISK_TOTAL = {475 * GIB, GIB / 2, 1863 * GIB};
    private static final String[] BLOCK_DEVICES = {"nvme0n1", "sdb"};
    private static final String[] INTERFACES = {"lo", "eth0", "eth1"};

    private final String hostname;
    private final SplittableRandom random;
    private final long bootTime;
    private long nextSecond;

    private double cpu = 35;
    private final double[] coreUsage = new double[CORES];
    private double load1 = 2.5;
    private double load5 = 2.2;
    private double load15 = 2.0;
    private final long memoryTotal = 16 * GIB;
    private double memoryUsed = 9.5 * GIB;
    private double swapUsed = 0.2 * GIB;
    private final double[] diskUsed = {180.0 * GIB, 0.03 * GIB, 900.0 * GIB};
    private final long[][] diskIo = new long[BLOCK_DEVICES.length][4];
    private final long[][] net = new long[INTERFACES.length][8];

    SimulatedHost(String hostname, long seed, long firstSecond) {
        this.hostname = hostname;
        this.random = new SplittableRandom(seed);
        this.nextSecond = firstSecond;
        this.bootTime = firstSecond - 3 * 86_400 - random.nextInt(86_400);
        for (int i = 0; i < CORES; i++) {
            coreUsage[i] = 20 + random.nextDouble(40);
        }
        for (long[] device : diskIo) {
            device[0] = random.nextLong(1L << 36);
            device[1] = random.nextLong(1L << 37);
            device[2] = random.nextLong(1L << 24);
            device[3] = random.nextLong(1L << 25);
        }
        for (long[] nic : net) {
            for (int f = 0; f < 4; f++) {
                nic[f] = random.nextLong(1L << (f < 2 ? 38 : 28));
            }
        }
    }

    /** The timestamp the next snapshot will carry (epoch seconds). */
    long nextSecond() {
        return nextSecond;
    }

    /**
     * Moves the clock forward to {@code second} (never back), for senders that pace snapshots in
     * real time: the next snapshot then carries that timestamp, and its seq stays increasing.
     */
    void skipTo(long second) {
        nextSecond = Math.max(nextSecond, second);
    }

    /** {@code count} consecutive snapshots: a bare object for one, a JSON array otherwise. */
    String nextBody(int count) {
        StringWriter out = new StringWriter(2400 * count);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            if (count == 1) {
                snapshot(json);
            } else {
                json.writeStartArray();
                for (int i = 0; i < count; i++) {
                    snapshot(json);
                }
                json.writeEnd();
            }
        }
        return out.toString();
    }

    private void snapshot(JsonGenerator json) {
        long now = nextSecond++;
        advance();
        json.writeStartObject().write("timestamp", now).write("seq", now);

        json.writeStartObject("processor").write("usage_percent", round(cpu));
        json.writeStartArray("per_core_usage");
        for (double core : coreUsage) {
            json.write(round(core));
        }
        json.writeEnd()
                .write("core_count", CORES).write("logical_count", CORES)
                .write("frequency_current", round(2400 + cpu * 12)).write("frequency_max", 3600.0)
                .write("load_1", round(load1)).write("load_5", round(load5)).write("load_15", round(load15))
                .writeEnd();

        long used = (long) memoryUsed;
        json.writeStartObject("memory")
                .write("total", memoryTotal).write("available", memoryTotal - used).write("used", used)
                .write("percentage", round(100.0 * used / memoryTotal))
                .write("swap_total", 2 * GIB).write("swap_used", (long) swapUsed)
                .writeEnd();

        json.writeStartArray("disk");
        for (int i = 0; i < DISKS.length; i++) {
            long diskUsedBytes = (long) diskUsed[i];
            json.writeStartObject()
                    .write("path", DISKS[i][0]).write("device", DISKS[i][1]).write("fs_type", DISKS[i][2])
                    .write("total", DISK_TOTAL[i]).write("used", diskUsedBytes)
                    .write("free", DISK_TOTAL[i] - diskUsedBytes)
                    .write("percentage", round(100.0 * diskUsedBytes / DISK_TOTAL[i]))
                    .writeEnd();
        }
        json.writeEnd();

        json.writeStartArray("disk_io");
        for (int i = 0; i < BLOCK_DEVICES.length; i++) {
            long[] c = diskIo[i];
            json.writeStartObject().write("device", BLOCK_DEVICES[i])
                    .write("read_bytes", c[0]).write("write_bytes", c[1]).write("reads", c[2]).write("writes", c[3])
                    .writeEnd();
        }
        json.writeEnd();

        json.writeStartArray("network");
        for (int i = 0; i < INTERFACES.length; i++) {
            long[] c = net[i];
            json.writeStartObject().write("interface", INTERFACES[i])
                    .write("bytes_sent", c[0]).write("bytes_recv", c[1])
                    .write("packets_sent", c[2]).write("packets_recv", c[3])
                    .write("errors_in", c[4]).write("errors_out", c[5])
                    .write("drops_in", c[6]).write("drops_out", c[7])
                    .writeEnd();
        }
        json.writeEnd();

        json.writeStartObject("system")
                .write("hostname", hostname).write("os_name", "Debian GNU/Linux").write("os_version", "12 (bookworm)")
                .write("architecture", "x86_64").write("boot_time", bootTime)
                .write("processes", 280 + random.nextInt(40)).write("users", 2)
                .writeEnd();
        json.writeEnd();
    }

    /** One second of simulated activity: bounded random walks for gauges, non-negative steps for counters. */
    private void advance() {
        cpu = walk(cpu, 6, 2, 98);
        for (int i = 0; i < CORES; i++) {
            coreUsage[i] = walk(coreUsage[i], 10, 0, 100);
        }
        double runnable = cpu / 100 * CORES;
        load1 += (runnable - load1) / 12;
        load5 += (runnable - load5) / 60;
        load15 += (runnable - load15) / 180;
        memoryUsed = walk(memoryUsed, 0.05 * GIB, 2.0 * GIB, 15.0 * GIB);
        swapUsed = walk(swapUsed, 0.002 * GIB, 0, 1.5 * GIB);
        for (int i = 0; i < diskUsed.length; i++) {
            diskUsed[i] = Math.min(DISK_TOTAL[i] * 0.95, diskUsed[i] + random.nextDouble(256 * 1024));
        }
        for (long[] c : diskIo) {
            int reads = random.nextInt(400);
            int writes = random.nextInt(250);
            c[0] += reads * 16_384L;
            c[1] += writes * 32_768L;
            c[2] += reads;
            c[3] += writes;
        }
        for (int i = 0; i < net.length; i++) {
            long[] c = net[i];
            int scale = i == 1 ? 50 : 5;
            int packetsOut = random.nextInt(200 * scale);
            int packetsIn = random.nextInt(300 * scale);
            c[0] += packetsOut * 900L;
            c[1] += packetsIn * 1200L;
            c[2] += packetsOut;
            c[3] += packetsIn;
            // Errors and drops are rare on healthy links; a realistic series is mostly flat.
            if (random.nextInt(500) == 0) {
                c[4 + random.nextInt(4)]++;
            }
        }
    }

    private double walk(double value, double step, double min, double max) {
        return Math.max(min, Math.min(max, value + (random.nextDouble() - 0.5) * 2 * step));
    }

    private static double round(double value) {
        return Math.round(value * 10.0) / 10.0;
    }
}
