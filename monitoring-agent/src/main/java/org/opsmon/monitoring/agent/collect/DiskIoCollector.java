package org.opsmon.monitoring.agent.collect;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Raw I/O counters per whole block device from /proc/diskstats. Read directly rather than
 * through OSHI's disk stores, which re-enumerate devices through udev on every call: one small
 * file read per run keeps the agent's own footprint near zero. Partitions are skipped (their
 * I/O is already in the parent disk) and so are loop and ram devices.
 */
public final class DiskIoCollector implements Collector {

    /** The kernel always counts diskstats sectors in 512-byte units, whatever the device's sector size. */
    private static final long SECTOR = 512;

    private final Path diskstats;
    private final Path sysBlock;

    public DiskIoCollector() {
        this(Path.of("/proc/diskstats"), Path.of("/sys/block"));
    }

    DiskIoCollector(Path diskstats, Path sysBlock) {
        this.diskstats = diskstats;
        this.sysBlock = sysBlock;
    }

    @Override
    public String name() {
        return "disk_io";
    }

    /** /proc/diskstats and /sys/block are kernel counters: reading them never waits on a device. */
    @Override
    public boolean mayBlock() {
        return false;
    }

    @Override
    public Map<String, JsonValue> collect() throws IOException {
        return Map.of("disk_io", parse(Files.readAllLines(diskstats)));
    }

    JsonValue parse(List<String> lines) {
        JsonArrayBuilder out = Fields.array();
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 10) {
                continue;
            }
            String dev = f[2];
            if (dev.startsWith("loop") || dev.startsWith("ram") || !Files.isDirectory(sysBlock.resolve(dev))) {
                continue;
            }
            try {
                long reads = Long.parseLong(f[3]);
                long readSectors = Long.parseLong(f[5]);
                long writes = Long.parseLong(f[7]);
                long writeSectors = Long.parseLong(f[9]);
                out.add(Fields.label(Fields.object(), "device", dev)
                        .add("read_bytes", readSectors * SECTOR)
                        .add("write_bytes", writeSectors * SECTOR)
                        .add("reads", reads)
                        .add("writes", writes));
            } catch (NumberFormatException e) {
                // A line the kernel formats differently is skipped rather than failing every device.
            }
        }
        return out.build();
    }
}
