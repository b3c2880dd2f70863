package org.opsmon.monitoring.agent.collect;

import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.Map;
import oshi.hardware.GlobalMemory;
import oshi.hardware.VirtualMemory;

/** "Used" is total minus MemAvailable: page cache the kernel can drop is not pressure. */
public final class MemoryCollector implements Collector {

    private final GlobalMemory memory;

    public MemoryCollector(GlobalMemory memory) {
        this.memory = memory;
    }

    @Override
    public String name() {
        return "memory";
    }

    /** /proc/meminfo only: the kernel answers from its own counters, it cannot block. */
    @Override
    public boolean mayBlock() {
        return false;
    }

    @Override
    public Map<String, JsonValue> collect() {
        long total = memory.getTotal();
        long available = memory.getAvailable();
        long used = Math.max(0, total - available);
        VirtualMemory swap = memory.getVirtualMemory();
        JsonObjectBuilder b = Fields.object();
        Fields.size(b, "total", total);
        Fields.size(b, "available", available);
        Fields.size(b, "used", used);
        Fields.percent(b, "percentage", Fields.ratioPercent(used, total));
        Fields.size(b, "swap_total", swap.getSwapTotal());
        Fields.size(b, "swap_used", swap.getSwapUsed());
        return Map.of("memory", b.build());
    }
}
