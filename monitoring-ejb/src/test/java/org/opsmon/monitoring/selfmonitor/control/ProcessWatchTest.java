package org.opsmon.monitoring.selfmonitor.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;
import org.opsmon.monitoring.selfmonitor.entity.ProcessGrowth;
import org.opsmon.monitoring.selfmonitor.entity.ProcessState;
import org.opsmon.monitoring.selfmonitor.entity.ProcessWarning;

/** The growth and warning rules, on made-up readings and a clock the test moves. */
class ProcessWatchTest {

    static final long MIB = 1048576;
    static final long HEAP_MAX = 1024 * MIB;
    static final Instant START = Instant.parse("2026-11-27T08:00:00Z");

    Instant now = START;

    ProcessWatch watch(double growthPercent) {
        ProcessWatch watch = new ProcessWatch();
        watch.heapWarnPercent = 90;
        watch.heapCriticalPercent = 98;
        watch.growthPercentPerHour = growthPercent;
        watch.growthWindowSeconds = 3600;
        watch.start();
        watch.clock = Clock.fixed(now, ZoneOffset.UTC);
        return watch;
    }

    static ProcessState state(long heapAfterGc, long rss, int threads, long openFiles) {
        return new ProcessState(heapAfterGc + 50 * MIB, HEAP_MAX, heapAfterGc, 80 * MIB, null, rss, threads,
                threads / 2, threads, openFiles, 65536L, List.of(), 60);
    }

    /** Samples every 10 s for the given seconds; rss(t) in bytes for t seconds after START. */
    void sample(ProcessWatch watch, long seconds, LongUnaryOperator rss) {
        for (long t = 0; t <= seconds; t += 10) {
            now = START.plusSeconds(t);
            watch.clock = Clock.fixed(now, ZoneOffset.UTC);
            watch.record(state(200 * MIB, rss.applyAsLong(t), 60, 120));
        }
    }

    static List<String> codes(List<ProcessWarning> warnings) {
        return warnings.stream().map(ProcessWarning::code).toList();
    }

    @Test
    void aSteadyLeakUnderGarbageCollectionNoiseIsReported() {
        ProcessWatch watch = watch(10);
        // 500 MiB growing 20 % an hour, with a sawtooth of up to 40 MiB as the heap fills and empties.
        sample(watch, 3600, t -> 500 * MIB + 100 * MIB * t / 3600 + (t % 300) * 40 * MIB / 300);
        List<ProcessWarning> warnings = watch.warnings(state(200 * MIB, 640 * MIB, 60, 120));
        assertEquals(List.of("rss_growth"), codes(warnings));
        assertFalse(warnings.get(0).critical());
        assertTrue(warnings.get(0).message().startsWith("Resident memory rose in every quarter of the last 3600 s"),
                warnings.get(0).message());
        ProcessGrowth growth = watch.growth();
        assertEquals(100.0 * MIB, growth.rss(), 5.0 * MIB, "slope per hour");
        assertEquals(0.0, growth.threads(), 1e-9);
        assertEquals(3600, growth.windowS());
    }

    @Test
    void oneSpikeIsNoGrowth() {
        ProcessWatch watch = watch(10);
        sample(watch, 3600, t -> t == 3000 ? 2000 * MIB : 500 * MIB + (t % 60) * MIB / 60);
        assertEquals(List.of(), watch.warnings(state(200 * MIB, 500 * MIB, 60, 120)));
    }

    @Test
    void aClimbAfterStartThatLevelsOffIsNoGrowth() {
        ProcessWatch watch = watch(10);
        // Up from 300 to 560 MiB in the first 20 minutes, then flat with a little noise.
        sample(watch, 3600, t -> Math.min(300 * MIB + t * 13 * MIB / 60, 560 * MIB) + (t % 70) * MIB / 70);
        assertEquals(List.of(), watch.warnings(state(200 * MIB, 560 * MIB, 60, 120)));
        assertTrue(watch.growth().rss() > 0, "the slope still shows the climb");
    }

    @Test
    void growthIsJudgedOnlyOverAWholeWindow() {
        ProcessWatch watch = watch(10);
        sample(watch, 2400, t -> 500 * MIB + 500 * MIB * t / 3600);
        assertEquals(List.of(), watch.warnings(state(200 * MIB, 800 * MIB, 60, 120)), "40 minutes of history only");
        assertEquals(500.0 * MIB, watch.growth().rss(), 1.0 * MIB);
        assertEquals(2400, watch.growth().windowS());
    }

    @Test
    void slowerGrowthThanTheLimitIsNoWarningAndZeroTurnsTheRuleOff() {
        ProcessWatch slow = watch(10);
        sample(slow, 3600, t -> 500 * MIB + 25 * MIB * t / 3600);
        assertEquals(List.of(), slow.warnings(state(200 * MIB, 525 * MIB, 60, 120)), "5 % an hour");
        now = START;
        ProcessWatch off = watch(0);
        sample(off, 3600, t -> 500 * MIB + 500 * MIB * t / 3600);
        assertEquals(List.of(), off.warnings(state(200 * MIB, MIB, 60, 120)));
    }

    @Test
    void growingThreadsAndFilesAreNamed() {
        ProcessWatch watch = watch(10);
        for (long t = 0; t <= 3600; t += 10) {
            now = START.plusSeconds(t);
            watch.clock = Clock.fixed(now, ZoneOffset.UTC);
            watch.record(state(200 * MIB, 500 * MIB, 60 + (int) (t / 60), 100 + t / 10));
        }
        assertEquals(List.of("threads_growth", "open_files_growth"), codes(watch.warnings(state(200 * MIB, 500 * MIB,
                120, 460))));
        assertEquals(60.0, watch.growth().threads(), 0.5);
        assertEquals(360.0, watch.growth().openFiles(), 0.5);
    }

    @Test
    void heapAfterGcNearItsMaximumWarnsAndAlmostFullIsCritical() {
        ProcessWatch watch = watch(10);
        assertEquals(List.of(), watch.warnings(state(900 * MIB, 500 * MIB, 60, 120)), "87.9 %");
        List<ProcessWarning> high = watch.warnings(state(950 * MIB, 500 * MIB, 60, 120));
        assertEquals(List.of("heap_after_gc_high"), codes(high));
        assertFalse(high.get(0).critical());
        assertEquals("Heap after GC is 92.8 % of the 1024 MiB maximum, above 90 % (monitoring.self.heap.warn.percent)",
                high.get(0).message());
        List<ProcessWarning> critical = watch.warnings(state(1010 * MIB, 500 * MIB, 60, 120));
        assertTrue(critical.get(0).critical(), critical::toString);
        ProcessState unknown = new ProcessState(10, null, null, 1, null, null, 1, 1, 1, null, null, List.of(), 1);
        assertEquals(List.of(), watch.warnings(unknown), "no maximum, no collection yet: nothing to judge");
        assertEquals(ProcessGrowth.NONE, watch.growth());
    }

    @Test
    void historyStaysBoundedWhateverTheInterval() {
        ProcessHistory history = new ProcessHistory(java.time.Duration.ofHours(1));
        for (long t = 0; t < 20_000; t++) {
            history.record(START.plusMillis(t * 500), state(200 * MIB, 500 * MIB, 60, 120));
        }
        assertTrue(history.size() <= ProcessHistory.MAX_POINTS, "points kept: " + history.size());
        assertTrue(history.growth(START.plusMillis(19_999 * 500)).windowS() >= 3590, "the window is still covered");
    }

    @Test
    void settingsOutOfRangeAreRefusedNamingTheSetting() {
        ProcessWatch watch = new ProcessWatch();
        watch.heapWarnPercent = 90;
        watch.heapCriticalPercent = 98;
        watch.growthPercentPerHour = 10;
        watch.growthWindowSeconds = 30;
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, watch::start);
        assertEquals("monitoring.self.growth.window must be at least 60 seconds, not 30", refused.getMessage());
        watch.growthWindowSeconds = 3600;
        watch.heapWarnPercent = 0;
        assertThrows(IllegalArgumentException.class, watch::start);
    }
}
