package org.opsmon.monitoring.notifications.entity;

import java.time.Duration;
import java.util.Optional;

/**
 * When a failed delivery is tried again: after {@code base}, then twice as long after each
 * further failure, never more than {@code max} apart, at most {@code attempts} tries in all.
 * Doubling spaces the tries out against a receiver that is down for a while, without hammering
 * one that is overloaded; the cap keeps a long outage from pushing the next try out for hours.
 */
public record RetryPolicy(Duration base, Duration max, int attempts) {

    public RetryPolicy {
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0 || attempts < 1) {
            throw new IllegalArgumentException("base > 0, max >= base and attempts >= 1 are required");
        }
    }

    /** The wait before the next try after {@code failedAttempts} failures; empty once they are all used. */
    public Optional<Duration> delayAfter(int failedAttempts) {
        if (failedAttempts >= attempts) {
            return Optional.empty();
        }
        int doublings = Math.max(0, Math.min(failedAttempts - 1, 62));
        long millis = base.toMillis();
        for (int i = 0; i < doublings && millis < max.toMillis(); i++) {
            millis *= 2;
        }
        return Optional.of(Duration.ofMillis(Math.min(millis, max.toMillis())));
    }
}
