package org.opsmon.monitoring.devices.entity;

import java.util.Map;

/**
 * The polls that finished within a recent window: how many, how many answered, why the others
 * failed, how many interface counters they read, and how long a poll took from its start to its
 * samples being stored (nearest-rank percentiles, in milliseconds). {@code complete} is false
 * when the window reaches further back than the polls the server remembers, so the figures
 * cover only the most recent part of it.
 */
public record PollSummary(long windowSeconds, long polls, long answered, Map<String, Long> failures, long counters,
                          double p50Millis, double p99Millis, double maxMillis, boolean complete) {

    public PollSummary {
        failures = Map.copyOf(failures);
    }
}
