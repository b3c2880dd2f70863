package org.opsmon.monitoring.alerts.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** An agent's interval is learnt from its own snapshot times; silence is counted in those intervals. */
class AgentCadenceTest {

    static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    static AgentCadence sending(long... offsets) {
        AgentCadence cadence = new AgentCadence();
        for (long offset : offsets) {
            cadence.record(T0.plusSeconds(offset), T0.plusSeconds(offset));
        }
        return cadence;
    }

    @Test
    void noIntervalUntilTwoSnapshots() {
        assertNull(sending().interval());
        assertNull(sending(0).interval());
        assertNull(sending(0).missedIntervals(T0.plusSeconds(100), null));
        assertEquals(Duration.ofSeconds(10), sending(0, 10).interval());
    }

    @Test
    void theMedianGapIgnoresALateOrDoubledSnapshot() {
        assertEquals(Duration.ofSeconds(10), sending(0, 10, 20, 30, 75, 85, 95).interval(), "one outage of 45 s");
        assertEquals(Duration.ofSeconds(10), sending(0, 10, 10, 20, 30).interval(), "a part of one snapshot");
        assertEquals(Duration.ofSeconds(10), sending(0, 10, 20, 15, 30).interval(), "an older one is not a gap");
    }

    @Test
    void missedIntervalsCountWholeIntervalsSinceLastHeard() {
        AgentCadence cadence = sending(0, 10, 20, 30);
        assertEquals(0, cadence.missedIntervals(T0.plusSeconds(39), null));
        assertEquals(1, cadence.missedIntervals(T0.plusSeconds(40), null));
        assertEquals(3, cadence.missedIntervals(T0.plusSeconds(60), null));
        assertEquals(0, cadence.missedIntervals(T0.plusSeconds(60), T0.plusSeconds(55)),
                "counted from the server's start at the earliest");
    }

    @Test
    void aSpoolReplayTeachesTheAgentsOwnInterval() {
        AgentCadence cadence = new AgentCadence();
        Instant heard = T0.plusSeconds(3600);
        for (int i = 0; i < 9; i++) {
            cadence.record(T0.plusSeconds(30L * i), heard);
        }
        assertEquals(Duration.ofSeconds(30), cadence.interval());
        assertEquals(heard, cadence.lastHeard());
        assertEquals(2, cadence.missedIntervals(heard.plusSeconds(65), null));
    }
}
