package org.opsmon.monitoring.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GrowthBoundTest {

    private static final long MIB = GrowthBound.MIB;
    private static final GrowthBound DEFAULT = new GrowthBound(10, 16 * MIB, 64 * MIB);

    private static ServerSample at(long second, long rssMib, long heapMib) {
        return new ServerSample(second, rssMib * MIB, heapMib * MIB, 90 * MIB, 120, 200);
    }

    @Test
    void heapMayGrowByItsShareAndTheAllowance() {
        assertEquals((200 + 20 + 16) * MIB, DEFAULT.heapLimit(200 * MIB));
        assertEquals((1000 + 64) * MIB, DEFAULT.rssLimit(1000 * MIB));
    }

    @Test
    void growthUpToTheLimitPasses() {
        GrowthBound.Verdict verdict = DEFAULT.judge(at(300, 1000, 200), at(1800, 1064, 236), 0, 0, true);
        assertTrue(verdict.passed(), verdict.failures().toString());
        assertTrue(DEFAULT.judge(at(300, 1000, 200), at(1800, 900, 150), 0, 0, true).passed(), "shrinking is fine");
    }

    @Test
    void eachFigureAboveItsLimitIsNamed() {
        GrowthBound.Verdict heap = DEFAULT.judge(at(300, 1000, 200), at(1800, 1000, 237), 0, 0, true);
        assertFalse(heap.passed());
        assertEquals(1, heap.failures().size());
        assertTrue(heap.failures().get(0).startsWith("heap after GC grew from 200.0 to 237.0 MiB"), heap.failures().get(0));

        GrowthBound.Verdict rss = DEFAULT.judge(at(300, 1000, 200), at(1800, 1065, 200), 0, 0, true);
        assertEquals(List.of("RSS grew from 1000.0 to 1065.0 MiB, above the limit of 1064.0 MiB"), rss.failures());
    }

    @Test
    void serverErrorsRefusedAgentsDeathAndMissingFiguresFailToo() {
        assertEquals(List.of("3 server error(s) (5xx) were answered"),
                DEFAULT.judge(at(300, 1000, 200), at(1800, 1000, 200), 3, 0, true).failures());
        assertEquals(List.of("7 snapshot(s) of the realistic agents were not stored"),
                DEFAULT.judge(at(300, 1000, 200), at(1800, 1000, 200), 0, 7, true).failures());
        GrowthBound.Verdict dead = DEFAULT.judge(at(300, 1000, 200), new ServerSample(1800, -1, -1, -1, -1, -1), 0, 0, false);
        assertEquals(2, dead.failures().size());
        assertEquals("the server process is gone", dead.failures().get(0));
    }

    @Test
    void slopeIsBytesPerHour() {
        List<ServerSample> growing = List.of(at(0, 1000, 100), at(60, 1000, 101), at(120, 1000, 102), at(180, 1000, 103));
        assertEquals(60.0 * MIB, GrowthBound.slopePerHour(growing, ServerSample::heapAfterGc), 1.0);
        assertEquals(0.0, GrowthBound.slopePerHour(growing, ServerSample::rss), 1e-6);
        assertTrue(Double.isNaN(GrowthBound.slopePerHour(List.of(at(0, 1, 1)), ServerSample::rss)));
        List<ServerSample> unreadable = List.of(at(0, 1000, 100), new ServerSample(60, -1, -1, -1, -1, -1));
        assertTrue(Double.isNaN(GrowthBound.slopePerHour(unreadable, ServerSample::heapAfterGc)));
    }

    @Test
    void negativeBoundsAreRefusedAndTheDescriptionStatesTheBound() {
        assertThrows(IllegalArgumentException.class, () -> new GrowthBound(-1, 0, 0));
        assertEquals("heap after GC may grow by at most 10 % + 16 MiB, RSS by at most 64 MiB", DEFAULT.describe());
    }
}
