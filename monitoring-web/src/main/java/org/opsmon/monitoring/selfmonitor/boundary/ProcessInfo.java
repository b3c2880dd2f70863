package org.opsmon.monitoring.selfmonitor.boundary;

import java.util.List;
import org.opsmon.monitoring.selfmonitor.entity.ConnectionCount;
import org.opsmon.monitoring.selfmonitor.entity.ProcessGrowth;
import org.opsmon.monitoring.selfmonitor.entity.ProcessState;
import org.opsmon.monitoring.selfmonitor.entity.ProcessWarning;

/**
 * The server's own process now, in bytes and counts, with its growth per hour and what
 * /health warns about. A null figure is not measurable here (see README).
 */
public record ProcessInfo(Heap heap, NonHeap nonHeap, Long rss, Threads threads, OpenFiles openFiles,
                          List<Collector> gc, DbConnections dbConnections, Growth growthPerHour, long uptimeS,
                          List<Warning> warnings) {

    public record Heap(long used, Long max, Long afterGc, Double afterGcPercent) {
    }

    public record NonHeap(long used, Long max) {
    }

    public record Threads(int live, int daemon, int peak) {
    }

    public record OpenFiles(Long open, Long max) {
    }

    public record Collector(String collector, long collections, long timeMs) {
    }

    /** Null members where the database cannot tell. */
    public record DbConnections(Long inUse, Long open) {
    }

    /** Bytes per hour for the memories, whole; threads and files per hour to a tenth. */
    public record Growth(Long heapAfterGc, Long rss, Double threads, Double openFiles, long windowS) {

        static Growth of(ProcessGrowth growth) {
            return new Growth(whole(growth.heapAfterGc()), whole(growth.rss()), tenths(growth.threads()),
                    tenths(growth.openFiles()), growth.windowS());
        }

        private static Long whole(Double value) {
            return value == null ? null : Math.round(value);
        }

        private static Double tenths(Double value) {
            return value == null ? null : Math.round(value * 10) / 10.0;
        }
    }

    public record Warning(String code, String message, boolean critical) {
    }

    static ProcessInfo of(ProcessState state, ConnectionCount db, ProcessGrowth growth, List<ProcessWarning> warnings) {
        Double percent = state.heapAfterGcPercent();
        return new ProcessInfo(
                new Heap(state.heapUsed(), state.heapMax(), state.heapAfterGc(),
                        percent == null ? null : Math.round(percent * 10) / 10.0),
                new NonHeap(state.nonHeapUsed(), state.nonHeapMax()), state.rss(),
                new Threads(state.threads(), state.daemonThreads(), state.peakThreads()),
                new OpenFiles(state.openFiles(), state.maxOpenFiles()),
                state.collectors().stream().map(c -> new Collector(c.collector(), c.collections(), c.timeMs())).toList(),
                db == null ? new DbConnections(null, null) : new DbConnections(db.inUse(), db.open()),
                Growth.of(growth),
                state.uptimeSeconds(),
                warnings.stream().map(w -> new Warning(w.code(), w.message(), w.critical())).toList());
    }
}
