package org.opsmon.monitoring.selfmonitor.entity;

import java.util.List;

/**
 * The server's own JVM process at one moment, in bytes and counts. A null field was not
 * measurable here: no maximum defined, no collection yet, or no /proc (RSS off Linux).
 *
 * @param heapAfterGc heap in use right after the most recent garbage collection: what the heap
 *                    really holds, without the garbage that plain {@code heapUsed} includes
 */
public record ProcessState(long heapUsed, Long heapMax, Long heapAfterGc, long nonHeapUsed, Long nonHeapMax,
                           Long rss, int threads, int daemonThreads, int peakThreads, Long openFiles,
                           Long maxOpenFiles, List<CollectorCount> collectors, long uptimeSeconds) {

    public ProcessState {
        collectors = List.copyOf(collectors);
    }

    /** Heap after GC in percent of the heap's maximum; null where either is unknown. */
    public Double heapAfterGcPercent() {
        if (heapAfterGc == null || heapMax == null || heapMax <= 0) {
            return null;
        }
        return 100.0 * heapAfterGc / heapMax;
    }

    /** Collections and time spent by one garbage collector since the JVM started (counters). */
    public record CollectorCount(String collector, long collections, long timeMs) {
    }
}
