package org.opsmon.monitoring.selfmonitor.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.opsmon.monitoring.selfmonitor.entity.ProcessState;
import org.opsmon.monitoring.selfmonitor.entity.ProcessState.CollectorCount;

/**
 * Reads the server's own JVM: memory, threads, file descriptors and garbage collectors from the
 * platform MXBeans, resident memory from /proc/self/status. Every read is fresh and cheap (no
 * state), so the sampler, the API and the health check may all call it.
 */
@ApplicationScoped
public class ProcessProbe {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final int MAX_COLLECTOR_NAME = 64;

    public ProcessState read() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        MemoryUsage nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        Long openFiles = null;
        Long maxOpenFiles = null;
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            openFiles = nonNegative(unix.getOpenFileDescriptorCount());
            maxOpenFiles = nonNegative(unix.getMaxFileDescriptorCount());
        }
        List<CollectorCount> collectors = new ArrayList<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc.getCollectionCount() >= 0) {
                collectors.add(new CollectorCount(collectorLabel(gc.getName()), gc.getCollectionCount(),
                        Math.max(0, gc.getCollectionTime())));
            }
        }
        return new ProcessState(heap.getUsed(), nonNegative(heap.getMax()), heapAfterGc(), nonHeap.getUsed(),
                nonNegative(nonHeap.getMax()), residentBytes(), threads.getThreadCount(),
                threads.getDaemonThreadCount(), threads.getPeakThreadCount(), openFiles, maxOpenFiles,
                collectors, ManagementFactory.getRuntimeMXBean().getUptime() / 1000);
    }

    /**
     * The heap in use right after the most recent collection. The memory pools' own "collection
     * usage" is not enough: with G1 the old generation's figure changes only at a full
     * collection, so after young collections it says 0. The collectors' last-GC information
     * (com.sun.management, in HotSpot and OpenJ9) has every pool after every collection; the
     * pools' figures are the fallback elsewhere.
     */
    static Long heapAfterGc() {
        Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName)
                .collect(Collectors.toSet());
        com.sun.management.GcInfo latest = null;
        try {
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof com.sun.management.GarbageCollectorMXBean detailed) {
                    com.sun.management.GcInfo info = detailed.getLastGcInfo();
                    if (info != null && (latest == null || info.getEndTime() > latest.getEndTime())) {
                        latest = info;
                    }
                }
            }
        } catch (LinkageError | UnsupportedOperationException notThisJvm) {
            latest = null;
        }
        if (latest != null) {
            return sumOfPools(latest.getMemoryUsageAfterGc(), heapPools);
        }
        long sum = 0;
        boolean measured = false;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage afterGc = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
            if (afterGc != null) {
                sum += afterGc.getUsed();
                measured |= afterGc.getUsed() > 0;
            }
        }
        return measured ? sum : null;
    }

    static long sumOfPools(Map<String, MemoryUsage> usage, Set<String> pools) {
        return usage.entrySet().stream().filter(e -> pools.contains(e.getKey()))
                .mapToLong(e -> e.getValue().getUsed()).sum();
    }

    /** Resident set size in bytes from /proc/self/status, null where there is no such file. */
    static Long residentBytes() {
        if (!Files.isReadable(STATUS)) {
            return null;
        }
        try {
            return vmRss(Files.readAllLines(STATUS));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The VmRSS line of /proc/PID/status in bytes ("VmRSS:  491520 kB"), null without one. */
    static Long vmRss(List<String> statusLines) {
        for (String line : statusLines) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
                long value = Long.parseLong(parts[0]);
                return parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? value * 1024 : value;
            }
        }
        return null;
    }

    /**
     * A collector's name as a label value: readable ("G1 Young Generation"), but with nothing
     * outside letters, digits, space, '-', '_' and '.', and bounded, whatever the JVM calls it.
     */
    static String collectorLabel(String name) {
        String cleaned = name == null ? "" : name.replaceAll("[^A-Za-z0-9 ._-]", "_").trim();
        if (cleaned.length() > MAX_COLLECTOR_NAME) {
            cleaned = cleaned.substring(0, MAX_COLLECTOR_NAME);
        }
        return cleaned.isEmpty() ? "unnamed" : cleaned;
    }

    private static Long nonNegative(long value) {
        return value < 0 ? null : value;
    }
}
