package org.opsmon.monitoring.it;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Snapshots that cross the default alert rules: memory 80/90 %, disk 85/95 % per mount. */
final class Breaches {

    static final long DISK_TOTAL = 1_000_000_000_000L;

    private Breaches() {
    }

    /** A snapshot at {@code time} with memory at {@code memoryPercent} and each disk path at its percentage. */
    static String snapshot(long time, double memoryPercent, Map<String, Double> disks) {
        long total = 8_589_934_592L;
        long used = Math.round(total * memoryPercent / 100);
        String diskJson = new TreeMap<>(disks).entrySet().stream().map(d -> {
            long diskUsed = Math.round(DISK_TOTAL * d.getValue() / 100);
            return "{\"path\": \"%s\", \"total\": %d, \"used\": %d, \"free\": %d, \"percentage\": %s}"
                    .formatted(d.getKey(), DISK_TOTAL, diskUsed, DISK_TOTAL - diskUsed, d.getValue());
        }).collect(Collectors.joining(", "));
        return """
                {"timestamp": %d,
                 "memory": {"total": %d, "available": %d, "used": %d, "percentage": %s},
                 "disk": [%s]}
                """.formatted(time, total, total - used, used, memoryPercent, diskJson);
    }
}
