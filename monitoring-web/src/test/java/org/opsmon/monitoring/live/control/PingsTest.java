package org.opsmon.monitoring.live.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** How far behind a client is, told by the pings it has not answered. */
class PingsTest {

    static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    static final long INTERVAL = 500 * MS;
    static final long TIMEOUT = 1000 * MS;

    @Test
    void aPingIsDueEveryIntervalFromTheStart() {
        Pings pings = new Pings(0);
        assertNull(pings.due(499 * MS, INTERVAL));
        assertNotNull(pings.due(500 * MS, INTERVAL));
        assertNull(pings.due(900 * MS, INTERVAL));
        assertNotNull(pings.due(1000 * MS, INTERVAL));
        assertEquals(2, pings.unanswered());
    }

    @Test
    void aClientThatAnswersIsNeverOverdue() {
        Pings pings = new Pings(0);
        for (long t = 500; t <= 10_000; t += 500) {
            Pings.Ping ping = pings.due(t * MS, INTERVAL);
            assertFalse(pings.overdue(t * MS, TIMEOUT));
            pings.answer(ping.bytes());
        }
        assertEquals(0, pings.unanswered());
        assertFalse(pings.overdue(20_000 * MS, TIMEOUT), "nothing unanswered: an idle client is fine");
    }

    @Test
    void aPingUnansweredPastTheTimeoutIsOverdueCountedFromItsQueueing() {
        Pings pings = new Pings(0);
        pings.due(500 * MS, INTERVAL);
        assertFalse(pings.overdue(1500 * MS, TIMEOUT));
        assertTrue(pings.overdue(1501 * MS, TIMEOUT));
    }

    @Test
    void aPongAnswersItsPingAndEveryOlderOne() {
        Pings pings = new Pings(0);
        pings.due(500 * MS, INTERVAL);
        Pings.Ping second = pings.due(1000 * MS, INTERVAL);
        Pings.Ping third = pings.due(1500 * MS, INTERVAL);
        pings.answer(second.bytes());
        assertEquals(1, pings.unanswered(), "the first was read before the second");
        assertFalse(pings.overdue(2400 * MS, TIMEOUT), "only the third waits, queued at 1500 ms");
        assertTrue(pings.overdue(2501 * MS, TIMEOUT));
        pings.answer(third.bytes());
        assertEquals(0, pings.unanswered());
    }

    @Test
    void aPongEchoingNoWaitingPingAnswersNothing() {
        Pings pings = new Pings(0);
        Pings.Ping ping = pings.due(500 * MS, INTERVAL);
        pings.answer(ByteBuffer.allocate(8).putLong(0, ping.payload() + 1));
        pings.answer(ByteBuffer.allocate(0));
        pings.answer(ByteBuffer.wrap("heartbeat".getBytes()));
        assertEquals(1, pings.unanswered(), "a forged or unsolicited pong does not make a silent client look alive");
        pings.answer(ping.bytes());
        pings.answer(ping.bytes());
        assertEquals(0, pings.unanswered(), "an answer twice is harmless");
    }

    @Test
    void payloadsAreRandomAndUnansweredPingsBounded() {
        Pings pings = new Pings(0);
        Pings.Ping first = pings.due(500 * MS, INTERVAL);
        Pings.Ping second = pings.due(1000 * MS, INTERVAL);
        assertNotEquals(first.payload(), second.payload());
        for (long t = 1500; t < 20_000; t += 500) {
            pings.due(t * MS, INTERVAL);
        }
        assertEquals(Pings.MAX_UNANSWERED, pings.unanswered());
    }
}
