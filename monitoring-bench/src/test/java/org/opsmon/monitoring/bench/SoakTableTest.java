package org.opsmon.monitoring.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SoakTableTest {

    private static final long MIB = GrowthBound.MIB;

    @Test
    void aRowHasOneCellPerHeaderColumn() {
        String row = SoakTable.row(new ServerSample(300, 1100 * MIB, 210 * MIB + MIB / 2, 95 * MIB, 140, 310),
                new TrafficWindow.Figures(300, 5.04, 2, 12.34, 98.76), true);
        assertEquals("| 5 (warm) | 1100.0 | 210.5 | 95.0 | 140 | 310 | 5.0 | 2 | 12.3 | 98.8 |", row);
        String header = SoakTable.HEADER.lines().findFirst().orElseThrow();
        assertEquals(header.chars().filter(c -> c == '|').count(), row.chars().filter(c -> c == '|').count());
    }

    @Test
    void unreadableFiguresShowAsQuestionMarksAndOddSecondsAsFractions() {
        String row = SoakTable.row(new ServerSample(90, -1, -1, -1, -1, -1), TrafficWindow.Figures.NONE, false);
        assertEquals("| 1.5 | ? | ? | ? | ? | ? | 0.0 | 0 | 0.0 | 0.0 |", row);
    }

    @Test
    void growthIsSignedAndInMib() {
        String growth = SoakTable.growth(new ServerSample(300, 1000 * MIB, 200 * MIB, 90 * MIB, 100, 200),
                new ServerSample(1800, 1010 * MIB, 190 * MIB, 91 * MIB, 98, 205));
        assertEquals("Growth from minute 5 to minute 30: RSS +10.0 MiB, heap after GC -10.0 MiB, metaspace +1.0 MiB, "
                + "threads -2, open files +5", growth);
    }

    @Test
    void trafficWindowReportsItsMinuteAndStartsOver() {
        TrafficWindow window = new TrafficWindow(0);
        for (int i = 1; i <= 100; i++) {
            window.answered(i * 1_000_000L);
        }
        window.serverError();
        TrafficWindow.Figures first = window.close(10_000_000_000L);
        assertEquals(100, first.requests());
        assertEquals(10.0, first.perSecond(), 1e-9);
        assertEquals(1, first.serverErrors());
        assertEquals(50.0, first.p50Ms(), 1e-9);
        assertEquals(99.0, first.p99Ms(), 1e-9);
        TrafficWindow.Figures second = window.close(20_000_000_000L);
        assertEquals(0, second.requests());
        assertEquals(0, second.serverErrors());
    }
}
