package org.opsmon.monitoring.alerts.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.opsmon.monitoring.alerts.entity.AlertLevel;

/** Messages read as a person would write them, in each metric's unit. */
class AlertMessagesTest {

    static final double GIB = 1024.0 * 1024 * 1024;

    @Test
    void percentagesWithOneDecimal() {
        assertEquals("Critical disk usage: 96.2% (threshold: 95.0%)",
                AlertMessages.firing(AlertLevel.CRITICAL, "disk.percentage", 96.24, 95));
        assertEquals("Warning CPU usage: 91.0% (threshold: 90.0%)",
                AlertMessages.firing(AlertLevel.WARNING, "processor.usage_percent", 91, 90));
        assertEquals("Warning server heap after GC: 92.5% (threshold: 90.0%)",
                AlertMessages.firing(AlertLevel.WARNING, "process.heap.after_gc_percent", 92.5, 90));
    }

    @Test
    void bytesInBinaryMultiples() {
        assertEquals("Critical free disk space: 819.2 MB (threshold: 1.0 GB)",
                AlertMessages.firing(AlertLevel.CRITICAL, "disk.free", 0.8 * GIB, GIB));
        assertEquals("2.5 GB", AlertMessages.format("memory.used", 2.5 * GIB));
        assertEquals("1.5 MB/s", AlertMessages.format("network.bytes_recv_per_s", 1.5 * 1024 * 1024));
        assertEquals("512 B", AlertMessages.format("disk_io.read_bytes", 512));
    }

    @Test
    void otherUnitsAndUnknownMetrics() {
        assertEquals("81.0 °C", AlertMessages.format("gpu.temperature", 81));
        assertEquals("250.0 W", AlertMessages.format("gpu.power_draw", 250));
        assertEquals("2.5 Gbit/s", AlertMessages.format("if.in_bps", 2.5e9));
        assertEquals("1 missed interval", AlertMessages.format("agent.missed_intervals", 1));
        assertEquals("Critical processor.load_1: 4.25 (threshold: 4)",
                AlertMessages.firing(AlertLevel.CRITICAL, "processor.load_1", 4.25, 4));
        assertEquals("Critical device reachability: 0 (threshold: 1)",
                AlertMessages.firing(AlertLevel.CRITICAL, "device.reachable", 0, 1));
    }

    @Test
    void resolutionsAndRetirements() {
        assertEquals("Resolved memory usage: 74.0% (clear threshold: 75.0%)",
                AlertMessages.resolved("memory.percentage", 74, 75));
        assertEquals("Resolved disk usage: its rule was deleted", AlertMessages.retired("disk.percentage",
                "its rule was deleted"));
        assertEquals("Warning memory usage: 81.0% (threshold: 80.0%), pending for up to 60 s",
                AlertMessages.pending(AlertLevel.WARNING, "memory.percentage", 81, 80, 60));
    }
}
