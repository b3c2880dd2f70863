package org.opsmon.monitoring.selfmonitor.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.opsmon.monitoring.selfmonitor.entity.MemoryState;
import org.opsmon.monitoring.selfmonitor.entity.StorageState;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.software.os.OperatingSystem;

/**
 * Reads the server host's CPU, memory and storage. CPU usage is measured between two tick
 * readings, so the probe keeps the previous ticks: every call reports usage since the last one.
 */
@ApplicationScoped
public class HostProbe {

    private static final Path MEMINFO = Path.of("/proc/meminfo");
    private static final Map<String, String> MEMINFO_FIELDS = Map.of(
            "Active", "active", "Inactive", "inactive", "Buffers", "buffers", "Cached", "cached",
            "Shmem", "shared", "Slab", "slab", "MemFree", "free", "SwapCached", "swap_cached");

    @Inject
    @ConfigProperty(name = "monitoring.data.dir", defaultValue = "data")
    String dataDir;

    private final SystemInfo system = new SystemInfo();
    private final CentralProcessor processor = system.getHardware().getProcessor();
    private final GlobalMemory memory = system.getHardware().getMemory();
    private final OperatingSystem os = system.getOperatingSystem();

    private long[] previousTicks = processor.getSystemCpuLoadTicks();
    private long[][] previousCoreTicks = processor.getProcessorCpuLoadTicks();
    private long previousAt = System.nanoTime();
    private double lastLoad;
    private double[] lastCoreLoads = new double[0];

    /** CPU usage in percent since the previous call (or the last 0.5 s when asked sooner). */
    public synchronized double cpuLoadPercent() {
        refreshCpu();
        return lastLoad;
    }

    public synchronized double[] perCoreLoadPercent() {
        refreshCpu();
        return lastCoreLoads.clone();
    }

    private void refreshCpu() {
        if (System.nanoTime() - previousAt < 500_000_000L && lastCoreLoads.length > 0) {
            return;
        }
        lastLoad = clampPercent(processor.getSystemCpuLoadBetweenTicks(previousTicks) * 100.0);
        double[] cores = processor.getProcessorCpuLoadBetweenTicks(previousCoreTicks);
        lastCoreLoads = new double[cores.length];
        for (int i = 0; i < cores.length; i++) {
            lastCoreLoads[i] = clampPercent(cores[i] * 100.0);
        }
        previousTicks = processor.getSystemCpuLoadTicks();
        previousCoreTicks = processor.getProcessorCpuLoadTicks();
        previousAt = System.nanoTime();
    }

    public double[] loadAverages() {
        return processor.getSystemLoadAverage(3);
    }

    public int physicalCores() {
        return processor.getPhysicalProcessorCount();
    }

    public int logicalCores() {
        return processor.getLogicalProcessorCount();
    }

    public long maxFrequencyMhz() {
        return Math.max(0, processor.getMaxFreq() / 1_000_000L);
    }

    public MemoryState memory() {
        long total = memory.getTotal();
        long available = memory.getAvailable();
        long used = Math.max(0, total - available);
        Map<String, Long> details = procMeminfo();
        long free = details.getOrDefault("free", available);
        long swapTotal = memory.getVirtualMemory().getSwapTotal();
        long swapUsed = memory.getVirtualMemory().getSwapUsed();
        double percent = total == 0 ? 0 : Math.round(1000.0 * used / total) / 10.0;
        details.remove("free");
        return new MemoryState(total, available, used, free, percent, swapTotal, swapUsed, details);
    }

    /** The filesystem that holds the data directory (the embedded database lives there). */
    public StorageState storage() {
        Path path = Path.of(dataDir).toAbsolutePath();
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        try {
            FileStore store = Files.getFileStore(existing == null ? Path.of("/") : existing);
            long total = store.getTotalSpace();
            long free = store.getUsableSpace();
            long used = Math.max(0, total - store.getUnallocatedSpace());
            double percent = total == 0 ? 0 : Math.round(1000.0 * used / (used + free)) / 10.0;
            return new StorageState(existing == null ? "/" : existing.toString(), total, used, free, percent);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the filesystem of " + path + ": " + e.getMessage(), e);
        }
    }

    public String hostname() {
        return os.getNetworkParams().getHostName();
    }

    public String osName() {
        return os.getFamily();
    }

    public String osVersion() {
        return os.getVersionInfo().toString();
    }

    public long bootTime() {
        return os.getSystemBootTime();
    }

    public long uptimeSeconds() {
        return os.getSystemUptime();
    }

    public int processes() {
        return os.getProcessCount();
    }

    private static Map<String, Long> procMeminfo() {
        Map<String, Long> details = new LinkedHashMap<>();
        if (!Files.isReadable(MEMINFO)) {
            return details;
        }
        try {
            List<String> lines = Files.readAllLines(MEMINFO);
            for (String line : lines) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = MEMINFO_FIELDS.get(line.substring(0, colon));
                if (name == null) {
                    continue;
                }
                String[] parts = line.substring(colon + 1).trim().split("\\s+");
                long value = Long.parseLong(parts[0]);
                boolean kib = parts.length > 1 && parts[1].toLowerCase(Locale.ROOT).equals("kb");
                details.put(name, kib ? value * 1024 : value);
            }
        } catch (IOException | NumberFormatException e) {
            details.clear();
        }
        return details;
    }

    private static double clampPercent(double value) {
        if (Double.isNaN(value) || value < 0) {
            return 0;
        }
        return Math.min(100.0, Math.round(value * 10.0) / 10.0);
    }
}
