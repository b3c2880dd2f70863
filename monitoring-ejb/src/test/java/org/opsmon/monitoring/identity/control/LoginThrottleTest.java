package org.opsmon.monitoring.identity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-03-01T12:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    final TestClock clock = new TestClock();
    final LoginThrottle throttle = new LoginThrottle(clock);

    void fail(String user, String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(user, address);
        }
    }

    @Test
    void unknownCallerMayTry() {
        assertEquals(0, throttle.secondsToWait("alice", "10.0.0.1"));
    }

    @Test
    void fiveFailuresAreFreeThenTheWaitDoubles() {
        fail("alice", "10.0.0.1", 4);
        assertEquals(0, throttle.secondsToWait("alice", "10.0.0.1"));
        throttle.failed("alice", "10.0.0.1");
        assertEquals(1, throttle.secondsToWait("alice", "10.0.0.1"));
        throttle.failed("alice", "10.0.0.1");
        assertEquals(2, throttle.secondsToWait("alice", "10.0.0.1"));
        throttle.failed("alice", "10.0.0.1");
        assertEquals(4, throttle.secondsToWait("alice", "10.0.0.1"));
        fail("alice", "10.0.0.1", 3);
        assertEquals(32, throttle.secondsToWait("alice", "10.0.0.1"));
    }

    @Test
    void waitCountsDownAndEnds() {
        fail("alice", "10.0.0.1", 8); // 8 s
        clock.advance(Duration.ofSeconds(3));
        assertEquals(5, throttle.secondsToWait("alice", "10.0.0.1"));
        clock.advance(Duration.ofMillis(4500));
        assertEquals(1, throttle.secondsToWait("alice", "10.0.0.1")); // never rounds a real wait down to 0
        clock.advance(Duration.ofMillis(500));
        assertEquals(0, throttle.secondsToWait("alice", "10.0.0.1"));
    }

    @Test
    void waitIsCappedAtAQuarterOfAnHour() {
        fail("alice", "10.0.0.1", 14); // 2^9 = 512 s
        assertEquals(512, throttle.secondsToWait("alice", "10.0.0.1"));
        throttle.failed("alice", "10.0.0.1"); // 1024 s > 15 min
        assertEquals(900, throttle.secondsToWait("alice", "10.0.0.1"));
        fail("alice", "10.0.0.1", 100);
        assertEquals(900, throttle.secondsToWait("alice", "10.0.0.1"));
    }

    @Test
    void failuresFromOneAddressNeverLockTheNameElsewhere() {
        // a stranger guessing admin's password from 10.0.0.66
        fail("admin", "10.0.0.66", 50);
        assertEquals(900, throttle.secondsToWait("admin", "10.0.0.66"));
        assertEquals(0, throttle.secondsToWait("admin", "10.0.0.1"), "the right password from elsewhere is checked");
        assertEquals(0, throttle.secondsToWait("bob", "10.0.0.2"));
    }

    @Test
    void oneFailureEveryFewMinutesFromManyPlacesOnlySlowsTheWrongPassword() {
        for (int i = 0; i < 40; i++) {
            throttle.failed("admin", "198.51.100." + i);
            clock.advance(Duration.ofMinutes(1));
        }
        assertEquals(0, throttle.secondsToWait("admin", "10.0.0.1"), "never refused before the password check");
        assertEquals(0, throttle.secondsToWait("admin", "198.51.100.7"));
        assertEquals(840, throttle.secondsToSlowDown("admin"), "a wrong password is asked to slow down");
        assertEquals(0, throttle.secondsToSlowDown("bob"));
    }

    @Test
    void nameFailuresFromOneAddressCountPerAddress() {
        fail("alice", "10.0.0.1", 5);
        assertEquals(1, throttle.secondsToWait("alice", "10.0.0.1"));
        assertEquals(0, throttle.secondsToWait("alice", "10.0.0.2"));
        assertEquals(1, throttle.secondsToSlowDown("alice"));
    }

    @Test
    void addressGetsTwentyFreeFailuresAcrossNames() {
        // an address may be shared behind NAT, so it gets more slack than a name
        for (int i = 0; i < 19; i++) {
            throttle.failed("user" + i, "10.0.0.1");
        }
        assertEquals(0, throttle.secondsToWait("carol", "10.0.0.1"));
        throttle.failed("user19", "10.0.0.1");
        assertEquals(1, throttle.secondsToWait("carol", "10.0.0.1"));
        throttle.failed("user20", "10.0.0.1");
        assertEquals(2, throttle.secondsToWait("carol", "10.0.0.1"));
        assertEquals(0, throttle.secondsToWait("user0", "10.0.0.2"));
    }

    @Test
    void longerOfTheTwoWaitsApplies() {
        fail("alice", "10.0.0.1", 5);  // alice from .1: 1 s
        fail("bob", "10.0.0.1", 17);   // address: 22 failures, 4 s
        assertEquals(4, throttle.secondsToWait("alice", "10.0.0.1"));
        fail("alice", "10.0.0.3", 10); // alice from .3: 32 s, address .3 still free
        assertEquals(32, throttle.secondsToWait("alice", "10.0.0.3"));
        assertEquals(0, throttle.secondsToWait("alice", "10.0.0.9"));
    }

    @Test
    void successClearsTheNameButNotTheAddress() {
        fail("alice", "10.0.0.1", 22);
        throttle.succeeded("alice", "10.0.0.2");
        assertEquals(0, throttle.secondsToSlowDown("alice"));
        assertEquals(900, throttle.secondsToWait("alice", "10.0.0.1"), "the guessing address still waits");
        throttle.succeeded("alice", "10.0.0.1");
        assertEquals(4, throttle.secondsToWait("alice", "10.0.0.1"), "its address-wide record stays");
        assertEquals(0, throttle.secondsToWait("alice", "10.0.0.2"));
    }

    @Test
    void aFloodOfInventedNamesStaysBounded() {
        for (int i = 0; i < LoginThrottle.MAX_TRACKED + 5_000; i++) {
            throttle.failed("name" + i, "10.0.0.1");
        }
        assertTrue(throttle.tracked() <= LoginThrottle.MAX_TRACKED, "tracked " + throttle.tracked());
        assertEquals(900, throttle.secondsToWait("anyone", "10.0.0.1"), "the flooding address is still held back");
    }

    @Test
    void recordsAreForgottenAfterAnHour() {
        fail("alice", "10.0.0.1", 10);
        clock.advance(Duration.ofHours(1).plusSeconds(1));
        throttle.failed("alice", "10.0.0.1");
        // without forgetting this would be the 11th failure: 64 s
        fail("alice", "10.0.0.1", 3);
        assertEquals(0, throttle.secondsToWait("alice", "10.0.0.1"));
        throttle.failed("alice", "10.0.0.1");
        assertEquals(1, throttle.secondsToWait("alice", "10.0.0.1"));
    }

    @Test
    void failuresWithinTheHourKeepCounting() {
        fail("alice", "10.0.0.1", 5);
        clock.advance(Duration.ofMinutes(59));
        throttle.failed("alice", "10.0.0.1");
        assertEquals(2, throttle.secondsToWait("alice", "10.0.0.1"));
    }

    @Test
    void missingNameOrAddressIsTrackedToo() {
        fail(null, null, 5);
        assertEquals(1, throttle.secondsToWait(null, null));
        assertEquals(1, throttle.secondsToWait("", ""));
        assertEquals(0, throttle.secondsToWait("alice", null));
        fail("alice", null, 15);
        assertEquals(1, throttle.secondsToWait("bob", ""));
    }
}
