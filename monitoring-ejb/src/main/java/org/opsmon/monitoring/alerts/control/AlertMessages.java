package org.opsmon.monitoring.alerts.control;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.opsmon.monitoring.alerts.entity.AlertLevel;

/**
 * The sentence a person reads: "Critical disk usage: 96.2% (threshold: 95.0%)". Values are shown
 * in the unit of their metric (percent, bytes as GB or MB, rates per second, °C, W, MHz), so that
 * a free-space alert reads "0.8 GB", not "858993459.2". Metrics without a known title or unit are
 * named as they are and shown as plain numbers, so a rule on any series still reads sensibly.
 */
public final class AlertMessages {

    private static final double KIB = 1024;
    private static final double MIB = KIB * 1024;
    private static final double GIB = MIB * 1024;

    private static final Map<String, String> TITLES = Map.ofEntries(
            Map.entry("memory.percentage", "memory usage"),
            Map.entry("memory.swap_percentage", "swap usage"),
            Map.entry("disk.percentage", "disk usage"),
            Map.entry("storage.percentage", "storage usage"),
            Map.entry("disk.free", "free disk space"),
            Map.entry("processor.usage_percent", "CPU usage"),
            Map.entry("processor.per_core_usage", "CPU core usage"),
            Map.entry("gpu.gpu_usage_percent", "GPU usage"),
            Map.entry("gpu.memory_percentage", "GPU memory usage"),
            Map.entry("gpu.temperature", "GPU temperature"),
            Map.entry("agent.missed_intervals", "agent silence"),
            Map.entry("process.heap.after_gc_percent", "server heap after GC"),
            Map.entry("device.reachable", "device reachability"),
            Map.entry("if.oper_status", "interface status"));

    /** Byte amounts that are not named after bytes. */
    private static final Set<String> BYTES = Set.of("memory.total", "memory.available", "memory.used",
            "memory.swap_total", "memory.swap_used", "disk.total", "disk.used", "disk.free", "storage.used",
            "storage.total", "gpu.memory_total", "gpu.memory_used", "gpu.memory_reserved", "process.heap.used",
            "process.heap.max", "process.heap.after_gc", "process.nonheap.used", "process.nonheap.max", "process.rss");

    private AlertMessages() {
    }

    /** A firing (or pending) alert: "Critical disk usage: 96.2% (threshold: 95.0%)". */
    public static String firing(AlertLevel level, String metric, double value, double threshold) {
        String severity = level == AlertLevel.CRITICAL ? "Critical" : "Warning";
        return severity + " " + title(metric) + ": " + format(metric, value) + " (threshold: "
                + format(metric, threshold) + ")";
    }

    public static String pending(AlertLevel level, String metric, double value, double threshold, long forS) {
        return firing(level, metric, value, threshold) + ", pending for up to " + forS + " s";
    }

    /** "Resolved disk usage: 78.0% (clear threshold: 80.0%)". */
    public static String resolved(String metric, double value, double clearThreshold) {
        return "Resolved " + title(metric) + ": " + format(metric, value) + " (clear threshold: "
                + format(metric, clearThreshold) + ")";
    }

    /** An alert ended because its rule stopped watching the series: "Resolved disk usage: its rule was deleted". */
    public static String retired(String metric, String reason) {
        return "Resolved " + title(metric) + ": " + reason;
    }

    static String title(String metric) {
        String title = TITLES.get(metric);
        return title != null ? title : metric;
    }

    /** The value in its metric's unit, one decimal (whole numbers for counts of intervals). */
    public static String format(String metric, double value) {
        if (metric.endsWith("percentage") || metric.endsWith("percent") || metric.equals("processor.per_core_usage")) {
            return decimal(value) + "%";
        }
        boolean rate = metric.endsWith("_per_s");
        String base = rate ? metric.substring(0, metric.length() - "_per_s".length()) : metric;
        if (BYTES.contains(base) || base.endsWith("bytes") || base.endsWith("_bytes_sent") || base.contains(".bytes_")) {
            return bytes(value) + (rate ? "/s" : "");
        }
        if (metric.endsWith("_bps")) {
            return bits(value);
        }
        if (metric.endsWith("temperature")) {
            return decimal(value) + " °C";
        }
        if (metric.endsWith("power_draw") || metric.endsWith("power_limit")) {
            return decimal(value) + " W";
        }
        if (metric.contains("frequency")) {
            return decimal(value) + " MHz";
        }
        if (metric.equals("agent.missed_intervals")) {
            long whole = (long) value;
            return whole + (whole == 1 ? " missed interval" : " missed intervals");
        }
        return plain(value) + (rate ? "/s" : "");
    }

    private static String bytes(double value) {
        double magnitude = Math.abs(value);
        if (magnitude >= GIB) {
            return decimal(value / GIB) + " GB";
        }
        if (magnitude >= MIB) {
            return decimal(value / MIB) + " MB";
        }
        if (magnitude >= KIB) {
            return decimal(value / KIB) + " KB";
        }
        return plain(value) + " B";
    }

    private static String bits(double value) {
        double magnitude = Math.abs(value);
        if (magnitude >= 1e9) {
            return decimal(value / 1e9) + " Gbit/s";
        }
        if (magnitude >= 1e6) {
            return decimal(value / 1e6) + " Mbit/s";
        }
        if (magnitude >= 1e3) {
            return decimal(value / 1e3) + " kbit/s";
        }
        return plain(value) + " bit/s";
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** Up to two decimals, without trailing zeros: 1, 0.5, 12.34. */
    private static String plain(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.valueOf((long) value);
        }
        String text = String.format(Locale.ROOT, "%.2f", value);
        return text.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
