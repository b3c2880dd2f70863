package org.opsmon.monitoring.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * How much the server may grow between the end of the warm-up and the end of a soak before the
 * soak fails: heap after a full collection by a share of its warm level plus a fixed allowance,
 * resident memory by a fixed amount. Why these shapes: live heap in a steady state is flat except
 * for caches that fill towards their bounds (series ids, counter readings, tokens, login
 * failures), which is a few MiB whatever the heap's size; the share absorbs what scales with the
 * heap (soft references, classes of rarely taken paths). Resident memory outside a fixed,
 * pre-touched heap moves only with native memory (JIT code, metaspace, thread stacks, direct
 * buffers, malloc arenas), so a fixed allowance fits it.
 */
record GrowthBound(double heapPercent, long heapAllowance, long rssAllowance) {

    static final long MIB = 1024L * 1024;

    GrowthBound {
        if (heapPercent < 0 || heapAllowance < 0 || rssAllowance < 0) {
            throw new IllegalArgumentException("growth bounds cannot be negative");
        }
    }

    /** The highest heap after GC the end may show, given the warm level. */
    long heapLimit(long warmHeap) {
        return warmHeap + Math.round(warmHeap * heapPercent / 100.0) + heapAllowance;
    }

    long rssLimit(long warmRss) {
        return warmRss + rssAllowance;
    }

    String describe() {
        return String.format(Locale.ROOT, "heap after GC may grow by at most %s %% + %d MiB, RSS by at most %d MiB",
                trim(heapPercent), heapAllowance / MIB, rssAllowance / MIB);
    }

    /**
     * The soak's verdict: it passes when both memory figures stay within the bound, the server is
     * still alive, nobody got a server error and every snapshot of the realistic agents was stored
     * (a soak whose steady load was refused measured something else); every failed condition is named.
     */
    Verdict judge(ServerSample warm, ServerSample end, long serverErrors, long agentFailures, boolean alive) {
        List<String> failures = new ArrayList<>();
        if (!alive) {
            failures.add("the server process is gone");
        }
        if (!warm.hasMemory() || !end.hasMemory()) {
            failures.add("heap or RSS could not be read at the end of the warm-up or at the end");
        } else {
            if (end.heapAfterGc() > heapLimit(warm.heapAfterGc())) {
                failures.add(String.format(Locale.ROOT, "heap after GC grew from %s to %s MiB, above the limit of %s MiB",
                        mib(warm.heapAfterGc()), mib(end.heapAfterGc()), mib(heapLimit(warm.heapAfterGc()))));
            }
            if (end.rss() > rssLimit(warm.rss())) {
                failures.add(String.format(Locale.ROOT, "RSS grew from %s to %s MiB, above the limit of %s MiB",
                        mib(warm.rss()), mib(end.rss()), mib(rssLimit(warm.rss()))));
            }
        }
        if (serverErrors > 0) {
            failures.add(serverErrors + " server error(s) (5xx) were answered");
        }
        if (agentFailures > 0) {
            failures.add(agentFailures + " snapshot(s) of the realistic agents were not stored");
        }
        return new Verdict(failures.isEmpty(), failures);
    }

    /**
     * Least-squares slope of a figure over the samples, in bytes per hour: a leak shows as a steady
     * slope even when the run is too short for it to cross the bound. NaN with fewer than two
     * readable samples.
     */
    static double slopePerHour(List<ServerSample> samples, ToLongFunction<ServerSample> figure) {
        List<double[]> points = new ArrayList<>();
        for (ServerSample s : samples) {
            long value = figure.applyAsLong(s);
            if (value >= 0) {
                points.add(new double[] {s.second(), value});
            }
        }
        if (points.size() < 2) {
            return Double.NaN;
        }
        double meanX = points.stream().mapToDouble(p -> p[0]).average().orElse(0);
        double meanY = points.stream().mapToDouble(p -> p[1]).average().orElse(0);
        double covariance = 0;
        double variance = 0;
        for (double[] p : points) {
            covariance += (p[0] - meanX) * (p[1] - meanY);
            variance += (p[0] - meanX) * (p[0] - meanX);
        }
        return variance == 0 ? Double.NaN : covariance / variance * 3600;
    }

    static String mib(long bytes) {
        return bytes < 0 ? "?" : String.format(Locale.ROOT, "%.1f", bytes / (double) MIB);
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /** PASS or FAIL, with the reasons of a FAIL. */
    record Verdict(boolean passed, List<String> failures) {
    }
}
