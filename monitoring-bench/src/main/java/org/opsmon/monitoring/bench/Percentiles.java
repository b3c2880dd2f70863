package org.opsmon.monitoring.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Latency percentiles over every recorded request, by the nearest-rank method: the reported
 * p99 is a latency some request really had, not an interpolation between two of them. Keeping
 * all values (8 bytes a request) is affordable for runs of a minute and avoids histogram
 * bucket error in the tail, which is the part worth reading.
 */
final class Percentiles {

    private final long[] sorted;

    private Percentiles(long[] sorted) {
        this.sorted = sorted;
    }

    /** Takes ownership of the array and sorts it. */
    static Percentiles of(long[] values) {
        Arrays.sort(values);
        return new Percentiles(values);
    }

    int count() {
        return sorted.length;
    }

    /** The smallest value that at least {@code percent}% of the values do not exceed; 0 when empty. */
    long at(double percent) {
        if (percent <= 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be in (0, 100], got " + percent);
        }
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    long max() {
        return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
    }

    /**
     * A growable list of primitive longs, one per worker, so recording allocates no boxes. A worker
     * may still record while the report merges (a late frame): both hold the recorder's lock, which
     * nobody else contends, and the merge takes what was recorded up to then.
     */
    static final class Recorder {
        private long[] values = new long[4096];
        private int size;

        synchronized void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        synchronized long[] snapshot() {
            return Arrays.copyOf(values, size);
        }

        static long[] merge(Iterable<Recorder> recorders) {
            List<long[]> parts = new ArrayList<>();
            int total = 0;
            for (Recorder r : recorders) {
                long[] part = r.snapshot();
                parts.add(part);
                total += part.length;
            }
            long[] all = new long[total];
            int offset = 0;
            for (long[] part : parts) {
                System.arraycopy(part, 0, all, offset, part.length);
                offset += part.length;
            }
            return all;
        }
    }
}
