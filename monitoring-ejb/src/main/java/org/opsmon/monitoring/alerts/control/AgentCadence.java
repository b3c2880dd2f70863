package org.opsmon.monitoring.alerts.control;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * How often an agent sends, learnt from its recent snapshots, and how many of those intervals
 * have passed without one: the reading {@code agent.missed_intervals} that the "agent silent" rule
 * watches. The interval is the median of the gaps between the last snapshots' own times (the
 * agent's clock, so a spool replay teaches the same interval as live sending), which one late or
 * doubled snapshot does not move. Silence is measured on the server's clock since the agent was
 * last heard from. Not thread-safe: the evaluator holds its client's lock.
 */
public final class AgentCadence {

    /** Snapshot times kept: eight gaps. */
    static final int KEPT = 9;
    /** Shorter gaps are parts of one snapshot or a burst, not an interval. */
    static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

    private final Deque<Instant> times = new ArrayDeque<>(KEPT);
    private Instant lastHeard;

    /** Remembers a snapshot of this time, heard at {@code heardAt} (server clock). */
    public void record(Instant snapshotTime, Instant heardAt) {
        if (times.isEmpty() || snapshotTime.isAfter(times.peekLast())) {
            times.addLast(snapshotTime);
            if (times.size() > KEPT) {
                times.removeFirst();
            }
        }
        if (lastHeard == null || heardAt.isAfter(lastHeard)) {
            lastHeard = heardAt;
        }
    }

    /** The learnt interval, null until two snapshots at least a second apart were seen. */
    public Duration interval() {
        long[] gaps = new long[Math.max(0, times.size() - 1)];
        int count = 0;
        Instant previous = null;
        for (Instant time : times) {
            if (previous != null) {
                long gap = Duration.between(previous, time).toMillis();
                if (gap >= MIN_INTERVAL.toMillis()) {
                    gaps[count++] = gap;
                }
            }
            previous = time;
        }
        if (count == 0) {
            return null;
        }
        long[] sorted = Arrays.copyOf(gaps, count);
        Arrays.sort(sorted);
        return Duration.ofMillis(sorted[(count - 1) / 2]);
    }

    /**
     * Whole intervals that passed since the agent was last heard from, counted from {@code notBefore}
     * at the earliest (the server's start: its own downtime is not the agents' silence); null while
     * no interval is known.
     */
    public Long missedIntervals(Instant now, Instant notBefore) {
        Duration interval = interval();
        if (interval == null || lastHeard == null) {
            return null;
        }
        Instant from = notBefore != null && notBefore.isAfter(lastHeard) ? notBefore : lastHeard;
        long silent = Duration.between(from, now).toMillis();
        return silent <= 0 ? 0 : silent / interval.toMillis();
    }

    public Instant lastHeard() {
        return lastHeard;
    }
}
