package org.opsmon.monitoring.selfmonitor.control;

import org.opsmon.monitoring.ingest.control.Readings;
import org.opsmon.monitoring.ingest.entity.CounterWidth;
import org.opsmon.monitoring.ingest.entity.SeriesKey;
import org.opsmon.monitoring.selfmonitor.entity.ConnectionCount;
import org.opsmon.monitoring.selfmonitor.entity.ProcessState;
import org.opsmon.monitoring.selfmonitor.entity.ProcessState.CollectorCount;

/**
 * The series of the server's own process, named in one place so that README's table, the
 * latest view ({@code process.heap.used} → {@code {"process":{"heap":{"used":…}}}}, collectors
 * as the list {@code process.gc}) and the stored history agree. Collector counts are counters:
 * ingestion derives {@code process.gc.collections_per_s} and {@code process.gc.time_ms_per_s},
 * and a restarted server's lower counts read as a reset, not as a negative rate.
 */
public final class ProcessSeries {

    public static final SeriesKey HEAP_USED = SeriesKey.of("process.heap.used");
    public static final SeriesKey HEAP_MAX = SeriesKey.of("process.heap.max");
    public static final SeriesKey HEAP_AFTER_GC = SeriesKey.of("process.heap.after_gc");
    /** Heap after GC in percent of the maximum: what the default "Server heap after GC" alert rule watches. */
    public static final SeriesKey HEAP_AFTER_GC_PERCENT = SeriesKey.of("process.heap.after_gc_percent");
    public static final SeriesKey NON_HEAP_USED = SeriesKey.of("process.nonheap.used");
    public static final SeriesKey NON_HEAP_MAX = SeriesKey.of("process.nonheap.max");
    public static final SeriesKey RSS = SeriesKey.of("process.rss");
    public static final SeriesKey THREADS = SeriesKey.of("process.threads");
    public static final SeriesKey THREADS_DAEMON = SeriesKey.of("process.threads_daemon");
    public static final SeriesKey THREADS_PEAK = SeriesKey.of("process.threads_peak");
    public static final SeriesKey OPEN_FILES = SeriesKey.of("process.open_files");
    public static final SeriesKey OPEN_FILES_MAX = SeriesKey.of("process.open_files_max");
    public static final SeriesKey UPTIME = SeriesKey.of("process.uptime");
    public static final SeriesKey DB_CONNECTIONS = SeriesKey.of("process.db.connections");
    public static final SeriesKey DB_POOL_SIZE = SeriesKey.of("process.db.pool_size");
    public static final String GC_COLLECTIONS = "process.gc.collections";
    public static final String GC_TIME_MS = "process.gc.time_ms";
    public static final String COLLECTOR_LABEL = "collector";

    private ProcessSeries() {
    }

    /** Adds the process's readings; what was not measurable (null) is left out. */
    public static Readings add(Readings readings, ProcessState process, ConnectionCount db) {
        readings.gauge(HEAP_USED, (double) process.heapUsed())
                .gauge(HEAP_MAX, decimal(process.heapMax()))
                .gauge(HEAP_AFTER_GC, decimal(process.heapAfterGc()))
                .gauge(HEAP_AFTER_GC_PERCENT, process.heapAfterGcPercent())
                .gauge(NON_HEAP_USED, (double) process.nonHeapUsed())
                .gauge(NON_HEAP_MAX, decimal(process.nonHeapMax()))
                .gauge(RSS, decimal(process.rss()))
                .gauge(THREADS, process.threads())
                .gauge(THREADS_DAEMON, process.daemonThreads())
                .gauge(THREADS_PEAK, process.peakThreads())
                .gauge(OPEN_FILES, decimal(process.openFiles()))
                .gauge(OPEN_FILES_MAX, decimal(process.maxOpenFiles()))
                .gauge(UPTIME, (double) process.uptimeSeconds());
        for (CollectorCount gc : process.collectors()) {
            readings.counter(SeriesKey.of(GC_COLLECTIONS, COLLECTOR_LABEL, gc.collector()), (double) gc.collections(),
                            CounterWidth.BITS_64)
                    .counter(SeriesKey.of(GC_TIME_MS, COLLECTOR_LABEL, gc.collector()), (double) gc.timeMs(),
                            CounterWidth.BITS_64);
        }
        if (db != null) {
            readings.gauge(DB_CONNECTIONS, (double) db.inUse()).gauge(DB_POOL_SIZE, (double) db.open());
        }
        return readings;
    }

    private static Double decimal(Long value) {
        return value == null ? null : value.doubleValue();
    }
}
