package org.opsmon.monitoring.notifications.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(5), Duration.ofSeconds(60), 6);

    @Test
    void theWaitDoublesAfterEachFailureUpToItsCap() {
        assertEquals(Optional.of(Duration.ofSeconds(5)), policy.delayAfter(1));
        assertEquals(Optional.of(Duration.ofSeconds(10)), policy.delayAfter(2));
        assertEquals(Optional.of(Duration.ofSeconds(20)), policy.delayAfter(3));
        assertEquals(Optional.of(Duration.ofSeconds(40)), policy.delayAfter(4));
        assertEquals(Optional.of(Duration.ofSeconds(60)), policy.delayAfter(5), "capped");
    }

    @Test
    void noWaitOnceTheAttemptsAreUsedUp() {
        assertEquals(Optional.empty(), policy.delayAfter(6));
        assertEquals(Optional.empty(), policy.delayAfter(7));
        assertEquals(Optional.empty(), new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), 1).delayAfter(1));
    }

    @Test
    void manyDoublingsDoNotOverflow() {
        RetryPolicy long_ = new RetryPolicy(Duration.ofMillis(1), Duration.ofHours(1), 1000);
        assertEquals(Optional.of(Duration.ofHours(1)), long_.delayAfter(999));
    }

    @Test
    void nonsenseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(Duration.ZERO, Duration.ofSeconds(1), 1));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), 1));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), 0));
    }
}
