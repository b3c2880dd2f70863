package org.opsmon.monitoring.devices.control;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.opsmon.monitoring.devices.entity.PollSummary;

/**
 * The most recent polls, each with when it ended, how long it took, its outcome and the counters
 * it read, in a ring of fixed size: memory stays bounded whatever the number of devices, and a
 * summary over "the last minute" needs nothing else. A poll's duration runs from its start on
 * the executor to its samples being stored, so a slow database shows here as well as a slow
 * device. Thread-safe: polls finish on many executor threads.
 */
public final class PollLedger {

    private final long[] endedMillis;
    private final long[] durationNanos;
    private final String[] failures;
    private final int[] counters;
    private long recorded;

    public PollLedger(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("the ledger must hold at least one poll, got " + size);
        }
        endedMillis = new long[size];
        durationNanos = new long[size];
        failures = new String[size];
        counters = new int[size];
    }

    /** A poll that ended at {@code endedMillis} (epoch ms); {@code failure} is the reason, or null when it answered. */
    public synchronized void record(long endedMillis, long durationNanos, String failure, int counters) {
        int slot = (int) (recorded % this.endedMillis.length);
        this.endedMillis[slot] = endedMillis;
        this.durationNanos[slot] = durationNanos;
        this.failures[slot] = failure;
        this.counters[slot] = counters;
        recorded++;
    }

    /** The polls that ended within {@code windowSeconds} before {@code nowMillis}. */
    public synchronized PollSummary summary(long windowSeconds, long nowMillis) {
        long from = nowMillis - windowSeconds * 1000;
        int held = (int) Math.min(recorded, endedMillis.length);
        long[] durations = new long[held];
        int polls = 0;
        long answered = 0;
        long read = 0;
        long oldest = Long.MAX_VALUE;
        Map<String, Long> failed = new TreeMap<>();
        for (int i = 0; i < held; i++) {
            oldest = Math.min(oldest, endedMillis[i]);
            if (endedMillis[i] < from || endedMillis[i] > nowMillis) {
                continue;
            }
            durations[polls++] = durationNanos[i];
            read += counters[i];
            if (failures[i] == null) {
                answered++;
            } else {
                failed.merge(failures[i], 1L, Long::sum);
            }
        }
        long[] window = Arrays.copyOf(durations, polls);
        Arrays.sort(window);
        // Complete unless the ring has wrapped and its oldest poll ended inside the window.
        boolean complete = recorded <= endedMillis.length || oldest < from;
        return new PollSummary(windowSeconds, polls, answered, failed, read, millis(rank(window, 50)),
                millis(rank(window, 99)), millis(polls == 0 ? 0 : window[polls - 1]), complete);
    }

    /** Nearest rank: a duration some poll really had, not an interpolation. */
    static long rank(long[] sorted, double percent) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 1e4) / 100.0;
    }
}
