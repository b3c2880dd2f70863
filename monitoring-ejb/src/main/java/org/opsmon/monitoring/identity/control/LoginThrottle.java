package org.opsmon.monitoring.identity.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing: after a few failures for one name (or many more from one
 * address, which may be shared by several people behind NAT), further attempts are refused for
 * a delay that doubles with every failure, up to a quarter of an hour. A success for a name
 * clears that name's record. Kept in memory: a restart forgives everyone.
 */
@ApplicationScoped
public class LoginThrottle {

    static final int FREE_FAILURES = 5;
    static final int FREE_FAILURES_PER_ADDRESS = 20;
    static final Duration MAX_DELAY = Duration.ofMinutes(15);
    static final Duration FORGET_AFTER = Duration.ofHours(1);
    private static final int MAX_TRACKED = 100_000;

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    public LoginThrottle() {
        this(Clock.systemUTC());
    }

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** Seconds the caller must still wait before another attempt, or 0 when it may try now. */
    public long secondsToWait(String username, String address) {
        Instant now = clock.instant();
        return Math.max(wait(key("user", username), FREE_FAILURES, now),
                wait(key("addr", address), FREE_FAILURES_PER_ADDRESS, now));
    }

    public void failed(String username, String address) {
        Instant now = clock.instant();
        if (failures.size() > MAX_TRACKED) {
            failures.values().removeIf(f -> f.forgotten(now));
        }
        failures.compute(key("user", username), (k, f) -> (f == null || f.forgotten(now) ? new Failures() : f).add(now));
        failures.compute(key("addr", address), (k, f) -> (f == null || f.forgotten(now) ? new Failures() : f).add(now));
    }

    public void succeeded(String username) {
        failures.remove(key("user", username));
    }

    private long wait(String key, int freeFailures, Instant now) {
        Failures f = failures.get(key);
        if (f == null || f.forgotten(now)) {
            return 0;
        }
        Instant until = f.blockedUntil(freeFailures);
        return until.isAfter(now) ? Math.max(1, Duration.between(now, until).toSeconds()) : 0;
    }

    private static String key(String kind, String value) {
        return kind + ":" + (value == null ? "" : value);
    }

    private static final class Failures {
        private int count;
        private Instant last = Instant.EPOCH;

        synchronized Failures add(Instant at) {
            count++;
            last = at;
            return this;
        }

        synchronized boolean forgotten(Instant now) {
            return last.plus(FORGET_AFTER).isBefore(now);
        }

        synchronized Instant blockedUntil(int freeFailures) {
            if (count < freeFailures) {
                return Instant.EPOCH;
            }
            int doublings = Math.min(count - freeFailures, 20);
            Duration delay = Duration.ofSeconds(1L << doublings);
            return last.plus(delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay);
        }
    }
}
