package org.opsmon.monitoring.agent.gpu;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opsmon.monitoring.agent.collect.Collector;
import org.opsmon.monitoring.agent.collect.Fields;

/**
 * NVIDIA GPUs through NVML in-process (cheap: no fork per run), else through nvidia-smi.
 * A host without GPU or driver is the normal case, not a failure: the section is simply absent.
 */
public final class GpuCollector implements Collector {

    private final long toolTimeoutMillis;
    private Optional<NvidiaSmi> smi;

    public GpuCollector(long toolTimeoutMillis) {
        this.toolTimeoutMillis = toolTimeoutMillis;
    }

    @Override
    public String name() {
        return "gpu";
    }

    @Override
    public synchronized Map<String, JsonValue> collect() throws Exception {
        List<GpuReading> gpus;
        if (Nvml.available()) {
            gpus = Nvml.read();
        } else {
            if (smi == null) {
                smi = NvidiaSmi.locate();
            }
            gpus = smi.isPresent() ? smi.get().read(toolTimeoutMillis) : List.of();
        }
        return gpus.isEmpty() ? Map.of() : Map.of("gpu", toJson(gpus));
    }

    static JsonValue toJson(List<GpuReading> gpus) {
        JsonArrayBuilder list = Fields.array();
        gpus.forEach(g -> list.add(g.toJson()));
        return Fields.object().add("count", gpus.size()).add("gpus", list).build();
    }
}
