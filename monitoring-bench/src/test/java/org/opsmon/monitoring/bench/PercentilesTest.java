package org.opsmon.monitoring.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRankPicksValuesThatOccurred() {
        long[] values = new long[100];
        for (int i = 0; i < values.length; i++) {
            values[i] = 100 - i;
        }
        Percentiles p = Percentiles.of(values);
        assertEquals(50, p.at(50));
        assertEquals(90, p.at(90));
        assertEquals(99, p.at(99));
        assertEquals(100, p.at(100));
        assertEquals(100, p.max());
        assertEquals(1, p.at(0.1));
    }

    @Test
    void smallSamplesRoundTheRankUp() {
        Percentiles p = Percentiles.of(new long[] {30, 10, 20});
        assertEquals(20, p.at(50));
        assertEquals(30, p.at(90));
        assertEquals(30, p.at(99));
    }

    @Test
    void emptyIsZeroAndBadPercentIsRefused() {
        Percentiles p = Percentiles.of(new long[0]);
        assertEquals(0, p.at(99));
        assertEquals(0, p.max());
        assertThrows(IllegalArgumentException.class, () -> p.at(0));
        assertThrows(IllegalArgumentException.class, () -> p.at(101));
    }

    @Test
    void recordersMergeAcrossGrowth() {
        Percentiles.Recorder a = new Percentiles.Recorder();
        Percentiles.Recorder b = new Percentiles.Recorder();
        for (int i = 1; i <= 5000; i++) {
            a.add(i);
        }
        b.add(10_000);
        Percentiles p = Percentiles.of(Percentiles.Recorder.merge(List.of(a, b)));
        assertEquals(5001, p.count());
        assertEquals(10_000, p.max());
        assertEquals(2501, p.at(50));
    }
}
