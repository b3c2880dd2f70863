package org.opsmon.monitoring.identity.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing without handing strangers a way to lock others out.
 *
 * <p>Only the caller's own record can refuse an attempt before the password is checked: after a
 * few failures for one name from one address, or many more from one address across names (an
 * address may be shared behind NAT), that address waits a delay that doubles with every failure,
 * up to a quarter of an hour. Failures for a name from everywhere are counted too, but that
 * count is consulted only after a wrong password (the answer then tells the caller to slow
 * down): the right password from any address that has not locked itself out always works, so
 * one wrong attempt every few minutes from somewhere cannot keep {@code admin} or an agent out.
 * A success clears the name's records. Kept in memory and bounded: a restart forgives everyone.
 */
@ApplicationScoped
public class LoginThrottle {

    static final int FREE_FAILURES = 5;
    static final int FREE_FAILURES_PER_ADDRESS = 20;
    static final Duration MAX_DELAY = Duration.ofMinutes(15);
    static final Duration FORGET_AFTER = Duration.ofHours(1);
    static final int MAX_TRACKED = 100_000;

    private static final Duration PURGE_EVERY = Duration.ofMinutes(1);

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private volatile Instant nextPurge = Instant.EPOCH;
    private final Clock clock;

    public LoginThrottle() {
        this(Clock.systemUTC());
    }

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /**
     * Seconds this caller must still wait before its password is even checked, or 0: the longer
     * of the waits earned by this address, and by this name from this address.
     */
    public long secondsToWait(String username, String address) {
        Instant now = clock.instant();
        return Math.max(wait(nameAtAddress(username, address), FREE_FAILURES, now),
                wait(address(address), FREE_FAILURES_PER_ADDRESS, now));
    }

    /**
     * After a wrong password: seconds to ask the caller to wait because this name keeps failing
     * from everywhere, or 0. Never consulted before a password is checked.
     */
    public long secondsToSlowDown(String username) {
        return wait(name(username), FREE_FAILURES, clock.instant());
    }

    public void failed(String username, String address) {
        Instant now = clock.instant();
        if (failures.size() >= MAX_TRACKED && now.isAfter(nextPurge)) {
            // A full scan at most once a minute: under a flood of invented names a scan per
            // failure would cost more than the guessing it is meant to slow down.
            nextPurge = now.plus(PURGE_EVERY);
            failures.values().removeIf(f -> f.forgotten(now));
        }
        count(address(address), now);
        count(nameAtAddress(username, address), now);
        count(name(username), now);
    }

    public void succeeded(String username, String address) {
        failures.remove(name(username));
        failures.remove(nameAtAddress(username, address));
    }

    /** Records being kept; bounded by {@link #MAX_TRACKED}. */
    int tracked() {
        return failures.size();
    }

    private void count(String key, Instant now) {
        // A flood of invented names or addresses must not grow memory without bound: past the
        // bound only records that already exist keep counting.
        if (failures.size() >= MAX_TRACKED && !failures.containsKey(key)) {
            return;
        }
        failures.compute(key, (k, f) -> (f == null || f.forgotten(now) ? new Failures() : f).add(now));
    }

    private long wait(String key, int freeFailures, Instant now) {
        Failures f = failures.get(key);
        if (f == null || f.forgotten(now)) {
            return 0;
        }
        Instant until = f.blockedUntil(freeFailures);
        return until.isAfter(now) ? Math.max(1, Duration.between(now, until).toSeconds()) : 0;
    }

    private static String address(String address) {
        return "addr:" + (address == null ? "" : address);
    }

    private static String name(String username) {
        return "user:" + (username == null ? "" : username);
    }

    private static String nameAtAddress(String username, String address) {
        return "user@addr:" + (address == null ? "" : address) + "/" + (username == null ? "" : username);
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
