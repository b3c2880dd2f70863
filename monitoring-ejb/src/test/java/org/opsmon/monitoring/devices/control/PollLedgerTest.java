package org.opsmon.monitoring.devices.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opsmon.monitoring.devices.entity.PollSummary;

class PollLedgerTest {

    private static final long NOW = 1_000_000_000L;

    @Test
    void summarisesOnlyPollsThatEndedInTheWindow() {
        PollLedger ledger = new PollLedger(100);
        ledger.record(NOW - 120_000, 900_000_000, null, 50);
        for (int i = 1; i <= 100 - 1; i++) {
            ledger.record(NOW - 1000, i * 1_000_000L, null, 10);
        }
        PollSummary last = ledger.summary(60, NOW);
        assertEquals(99, last.polls());
        assertEquals(990, last.counters());
        assertEquals(50.0, last.p50Millis());
        assertEquals(99.0, last.maxMillis());
        assertTrue(last.complete());
        assertEquals(100, ledger.summary(180, NOW).polls());
    }

    @Test
    void countsFailuresByReason() {
        PollLedger ledger = new PollLedger(10);
        ledger.record(NOW, 5_000_000, "timeout", 0);
        ledger.record(NOW, 5_000_000, "timeout", 0);
        ledger.record(NOW, 1_000_000, "authentication_failure", 0);
        ledger.record(NOW, 2_000_000, null, 8);
        PollSummary s = ledger.summary(10, NOW);
        assertEquals(4, s.polls());
        assertEquals(1, s.answered());
        assertEquals(Map.of("timeout", 2L, "authentication_failure", 1L), s.failures());
        assertEquals(8, s.counters());
    }

    @Test
    void aWrappedRingSaysTheWindowIsIncomplete() {
        PollLedger ledger = new PollLedger(3);
        for (int i = 0; i < 5; i++) {
            ledger.record(NOW - 5000 + i, 1_000_000, null, 1);
        }
        PollSummary s = ledger.summary(60, NOW);
        assertEquals(3, s.polls());
        assertFalse(s.complete());
        assertTrue(ledger.summary(1, NOW).complete());
    }

    @Test
    void emptyIsZeroAndAnEmptyLedgerIsRefused() {
        PollSummary s = new PollLedger(5).summary(60, NOW);
        assertEquals(0, s.polls());
        assertEquals(0.0, s.p99Millis());
        assertTrue(s.complete());
        assertThrows(IllegalArgumentException.class, () -> new PollLedger(0));
    }
}
