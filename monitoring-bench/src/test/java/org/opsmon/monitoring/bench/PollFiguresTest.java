package org.opsmon.monitoring.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PollFiguresTest {

    @Test
    void configuredRateIsDevicesTimesInterfacesTimesEightPerInterval() {
        PollFigures f = PollFigures.of(100, 24, 10, 57_600, 300, 0.5);
        assertEquals(600, f.configuredPollsPerMinute());
        assertEquals(115_200, f.configuredPerMinute());
        assertEquals(115_200, f.countersPerMinute());
        assertEquals(600, f.pollsPerMinute());
        assertEquals(100, f.achievedPercent(), 1e-9);
    }

    @Test
    void aPollerFallingBehindShowsAsLessThanConfigured() {
        PollFigures f = PollFigures.of(10, 4, 60, 160, 5, 2);
        assertEquals(320, f.configuredPerMinute());
        assertEquals(80, f.countersPerMinute());
        assertEquals(25, f.achievedPercent(), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> PollFigures.of(1, 1, 10, 0, 0, 0));
    }
}
