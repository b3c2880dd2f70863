package org.opsmon.monitoring.selfmonitor.boundary;

import jakarta.json.bind.annotation.JsonbNillable;
import java.util.Map;
import org.opsmon.monitoring.selfmonitor.entity.MemoryState;
import org.opsmon.monitoring.selfmonitor.entity.SizeUnit;

/**
 * Memory of the server host in the unit asked for. The figures after swap_used come from
 * /proc/meminfo and are left out where the OS does not give them.
 */
public record MemoryInfo(double total, double available, double used, double free, double percent,
                         double swapTotal, double swapUsed,
                         @JsonbNillable(false) Double active, @JsonbNillable(false) Double inactive,
                         @JsonbNillable(false) Double buffers, @JsonbNillable(false) Double cached,
                         @JsonbNillable(false) Double shared, @JsonbNillable(false) Double slab,
                         @JsonbNillable(false) Double swapCached,
                         String units) {

    static MemoryInfo of(MemoryState memory, SizeUnit unit) {
        Map<String, Long> os = memory.details();
        return new MemoryInfo(unit.of(memory.total()), unit.of(memory.available()), unit.of(memory.used()),
                unit.of(memory.free()), memory.percent(), unit.of(memory.swapTotal()), unit.of(memory.swapUsed()),
                detail(os, "active", unit), detail(os, "inactive", unit), detail(os, "buffers", unit),
                detail(os, "cached", unit), detail(os, "shared", unit), detail(os, "slab", unit),
                detail(os, "swap_cached", unit), unit.name());
    }

    private static Double detail(Map<String, Long> details, String name, SizeUnit unit) {
        Long bytes = details.get(name);
        return bytes == null ? null : unit.of(bytes);
    }
}
