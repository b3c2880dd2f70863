package org.opsmon.monitoring.selfmonitor.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opsmon.monitoring.selfmonitor.entity.ProcessState;

/** The probe against what this very JVM and its kernel say about it. */
class ProcessProbeTest {

    final ProcessProbe probe = new ProcessProbe();

    @Test
    void residentMemoryIsWhatTheKernelCounts() throws Exception {
        long kernel = ProcessProbe.vmRss(Files.readAllLines(Path.of("/proc/self/status")));
        long probed = probe.read().rss();
        assertEquals(kernel, probed, kernel * 0.2, "VmRSS read a moment apart");
        assertTrue(probed > 10 * 1048576, "a JVM holds more than 10 MiB: " + probed);
    }

    @Test
    void vmRssLineInKibibytes() {
        assertEquals(491520L * 1024, ProcessProbe.vmRss(List.of("Name:\tjava", "VmHWM:\t  500000 kB",
                "VmRSS:\t  491520 kB", "RssAnon:\t 1 kB")));
        assertNull(ProcessProbe.vmRss(List.of("Name:\tkthreadd")), "a kernel thread has no VmRSS");
    }

    @Test
    void heapAfterGcFollowsACollection() {
        List<byte[]> kept = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            kept.add(new byte[256 * 1024]);
        }
        System.gc();
        ProcessState state = probe.read();
        assertNotNull(state.heapAfterGc(), "a collection ran");
        assertTrue(state.heapAfterGc() >= 16L * 1024 * 1024, "16 MiB are still referenced: " + state.heapAfterGc());
        assertTrue(state.heapAfterGc() <= state.heapMax(), state::toString);
        assertTrue(state.heapUsed() <= state.heapMax(), state::toString);
        assertTrue(state.collectors().stream().mapToLong(ProcessState.CollectorCount::collections).sum() >= 1);
        assertEquals(64, kept.size());
    }

    @Test
    void threadsAndFilesAreThisProcesss() throws Exception {
        ProcessState state = probe.read();
        long fds;
        try (var listing = Files.list(Path.of("/proc/self/fd"))) {
            fds = listing.count();
        }
        assertEquals(fds, state.openFiles(), 5.0);
        assertTrue(state.maxOpenFiles() >= state.openFiles());
        assertTrue(state.threads() >= state.daemonThreads() && state.peakThreads() >= state.threads(), state::toString);
        assertEquals(Thread.getAllStackTraces().size(), state.threads(), 5.0);
    }

    @Test
    void collectorNamesBecomeSafeBoundedLabels() {
        assertEquals("G1 Young Generation", ProcessProbe.collectorLabel("G1 Young Generation"));
        assertEquals("PS_MarkSweep_x", ProcessProbe.collectorLabel("PS\u0000MarkSweep{x"));
        assertEquals(64, ProcessProbe.collectorLabel("x".repeat(500)).length());
        assertEquals("unnamed", ProcessProbe.collectorLabel("  "));
    }
}
