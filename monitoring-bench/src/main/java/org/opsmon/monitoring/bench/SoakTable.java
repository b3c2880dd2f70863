package org.opsmon.monitoring.bench;

import java.util.Locale;

/**
 * The soak's minute-by-minute table, as Markdown so a run's output pastes into the benchmark
 * notes unchanged. Traffic columns cover the minute that ends with the sample; the row that ends
 * the warm-up, against which growth is judged, is marked.
 */
final class SoakTable {

    static final String HEADER = "| Minute | RSS MiB | Heap after GC MiB | Metaspace MiB | Threads | Open files "
            + "| Requests/s | 5xx | p50 ms | p99 ms |\n"
            + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";

    private SoakTable() {
    }

    static String row(ServerSample sample, TrafficWindow.Figures traffic, boolean warmEnd) {
        return String.format(Locale.ROOT, "| %s%s | %s | %s | %s | %s | %s | %.1f | %d | %.1f | %.1f |",
                minute(sample.second()), warmEnd ? " (warm)" : "", GrowthBound.mib(sample.rss()),
                GrowthBound.mib(sample.heapAfterGc()), GrowthBound.mib(sample.metaspace()), count(sample.threads()),
                count(sample.openFiles()), traffic.perSecond(), traffic.serverErrors(), traffic.p50Ms(), traffic.p99Ms());
    }

    /** Growth from the warm sample to the last one, one line per figure. */
    static String growth(ServerSample warm, ServerSample end) {
        return String.format(Locale.ROOT, "Growth from minute %s to minute %s: RSS %s MiB, heap after GC %s MiB, "
                        + "metaspace %s MiB, threads %s, open files %s",
                minute(warm.second()), minute(end.second()), delta(warm.rss(), end.rss()),
                delta(warm.heapAfterGc(), end.heapAfterGc()), delta(warm.metaspace(), end.metaspace()),
                difference(warm.threads(), end.threads()), difference(warm.openFiles(), end.openFiles()));
    }

    private static String minute(long second) {
        return second % 60 == 0 ? Long.toString(second / 60) : String.format(Locale.ROOT, "%.1f", second / 60.0);
    }

    private static String count(long value) {
        return value < 0 ? "?" : Long.toString(value);
    }

    private static String delta(long from, long to) {
        if (from < 0 || to < 0) {
            return "?";
        }
        return String.format(Locale.ROOT, "%+.1f", (to - from) / (double) GrowthBound.MIB);
    }

    private static String difference(long from, long to) {
        return from < 0 || to < 0 ? "?" : String.format(Locale.ROOT, "%+d", to - from);
    }
}
