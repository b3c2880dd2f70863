package org.opsmon.monitoring.agent.collect;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.Map;
import oshi.hardware.CentralProcessor;
import oshi.hardware.CentralProcessor.TickType;

/**
 * CPU usage is a difference between two tick readings, so this collector keeps the previous
 * readings between runs; the first run after start reports everything except usage.
 * The usage is computed from the two readings taken here rather than via OSHI's
 * "between ticks" helpers, which would read /proc/stat a second time.
 */
public final class ProcessorCollector implements Collector {

    private final CentralProcessor cpu;
    private long[] previous;
    private long[][] previousPerCore;

    public ProcessorCollector(CentralProcessor cpu) {
        this.cpu = cpu;
    }

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public synchronized Map<String, JsonValue> collect() {
        long[] ticks = cpu.getSystemCpuLoadTicks();
        long[][] perCore = cpu.getProcessorCpuLoadTicks();
        JsonObjectBuilder b = Fields.object();
        if (previous != null) {
            Fields.percent(b, "usage_percent", busyPercent(previous, ticks));
            if (previousPerCore != null && previousPerCore.length == perCore.length) {
                JsonArrayBuilder cores = Fields.array();
                for (int i = 0; i < perCore.length; i++) {
                    double p = busyPercent(previousPerCore[i], perCore[i]);
                    cores.add(Double.isFinite(p) ? Fields.round2(p) : 0.0);
                }
                b.add("per_core_usage", cores);
            }
        }
        previous = ticks;
        previousPerCore = perCore;

        b.add("core_count", cpu.getPhysicalProcessorCount());
        b.add("logical_count", cpu.getLogicalProcessorCount());
        long[] current = cpu.getCurrentFreq();
        double sum = 0;
        int n = 0;
        for (long hz : current) {
            if (hz > 0) {
                sum += hz;
                n++;
            }
        }
        if (n > 0) {
            Fields.number(b, "frequency_current", sum / n / 1e6);
        }
        long max = cpu.getMaxFreq();
        if (max <= 0) {
            max = cpu.getProcessorIdentifier().getVendorFreq();
        }
        if (max > 0) {
            Fields.number(b, "frequency_max", max / 1e6);
        }
        double[] load = cpu.getSystemLoadAverage(3);
        String[] keys = {"load_1", "load_5", "load_15"};
        for (int i = 0; i < 3; i++) {
            if (load[i] >= 0) {
                Fields.number(b, keys[i], load[i]);
            }
        }
        return Map.of("processor", b.build());
    }

    /** Idle and iowait count as not busy, as top(1) does. */
    static double busyPercent(long[] before, long[] after) {
        long total = 0;
        for (int i = 0; i < after.length; i++) {
            total += Math.max(0, after[i] - before[i]);
        }
        long idle = Math.max(0, after[TickType.IDLE.getIndex()] - before[TickType.IDLE.getIndex()])
                + Math.max(0, after[TickType.IOWAIT.getIndex()] - before[TickType.IOWAIT.getIndex()]);
        if (total <= 0) {
            return Double.NaN;
        }
        return Fields.clampPercent(100.0 * (total - idle) / total);
    }
}
