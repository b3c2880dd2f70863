package org.opsmon.monitoring.agent.gpu;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.opsmon.monitoring.agent.collect.Fields;

/**
 * One GPU's reading in snapshot units (bytes, percent, °C, W). A null field is one the driver
 * does not report for this board ("[N/A]", "[Not Supported]"); it is omitted, never zeroed.
 * {@code memoryUsed} excludes {@code memoryReserved} (the driver's and firmware's own share), as
 * nvidia-smi reports it.
 */
public record GpuReading(int id, String name, String driverVersion, Long memoryTotal, Long memoryReserved,
                         Long memoryUsed, Double usagePercent, Double temperature, Double powerDraw, Double powerLimit) {

    JsonObject toJson() {
        JsonObjectBuilder b = Fields.object().add("id", id);
        Fields.text(b, "name", name);
        Fields.text(b, "driver_version", driverVersion);
        if (memoryTotal != null) {
            Fields.size(b, "memory_total", memoryTotal);
        }
        if (memoryReserved != null) {
            Fields.size(b, "memory_reserved", memoryReserved);
        }
        if (memoryUsed != null) {
            Fields.size(b, "memory_used", memoryUsed);
        }
        if (usagePercent != null) {
            Fields.percent(b, "gpu_usage_percent", usagePercent);
        }
        if (temperature != null) {
            Fields.number(b, "temperature", temperature);
        }
        if (powerDraw != null && powerDraw >= 0) {
            Fields.number(b, "power_draw", powerDraw);
        }
        if (powerLimit != null && powerLimit >= 0) {
            Fields.number(b, "power_limit", powerLimit);
        }
        return b.build();
    }
}
