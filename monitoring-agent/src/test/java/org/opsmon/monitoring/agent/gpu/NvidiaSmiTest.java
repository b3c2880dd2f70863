package org.opsmon.monitoring.agent.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class NvidiaSmiTest {

    private static String sample(String name) throws IOException {
        try (InputStream in = NvidiaSmiTest.class.getResourceAsStream("/nvidia-smi/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void oneGpuIsParsedInSnapshotUnits() throws IOException {
        List<GpuReading> gpus = NvidiaSmi.parse(sample("one-gpu.csv"));
        assertEquals(1, gpus.size());
        GpuReading g = gpus.get(0);
        assertEquals(0, g.id());
        assertEquals("NVIDIA GeForce RTX 3090", g.name());
        assertEquals("550.54.14", g.driverVersion());
        assertEquals(24576L << 20, g.memoryTotal());
        assertEquals(1843L << 20, g.memoryUsed());
        assertEquals(37.0, g.usagePercent());
        assertEquals(52.0, g.temperature());
        assertEquals(118.47, g.powerDraw());
        assertEquals(350.0, g.powerLimit());
    }

    @Test
    void twoGpusKeepTheirIndexes() throws IOException {
        List<GpuReading> gpus = NvidiaSmi.parse(sample("two-gpus.csv"));
        assertEquals(2, gpus.size());
        assertEquals(1, gpus.get(1).id());
        assertEquals(0L, gpus.get(1).memoryUsed());
        JsonObject json = GpuCollector.toJson(gpus).asJsonObject();
        assertEquals(2, json.getInt("count"));
        assertEquals(98.0, json.getJsonArray("gpus").getJsonObject(0).getJsonNumber("gpu_usage_percent").doubleValue());
    }

    @Test
    void unavailableFieldsAreOmittedNotZeroed() throws IOException {
        GpuReading na = NvidiaSmi.parse(sample("na-fields.csv")).get(0);
        assertNull(na.powerDraw());
        assertNull(na.powerLimit());
        assertEquals(34.0, na.temperature());
        JsonObject json = na.toJson();
        assertFalse(json.containsKey("power_draw"));
        assertFalse(json.containsKey("power_limit"));
        assertTrue(json.containsKey("memory_total"));

        GpuReading ns = NvidiaSmi.parse(sample("not-supported.csv")).get(0);
        assertNull(ns.usagePercent());
        assertNull(ns.powerDraw());
        assertEquals(210L << 20, ns.memoryUsed());
        assertFalse(ns.toJson().containsKey("gpu_usage_percent"));
    }

    @Test
    void namesWithCommasSurvive() {
        GpuReading g = NvidiaSmi.parse("3, Quadro RTX 8000, Rev B, 470.1, 46080, 1, 0, 30, 20.5, 260.00\n").get(0);
        assertEquals("Quadro RTX 8000, Rev B", g.name());
        assertEquals(3, g.id());
        assertEquals(260.0, g.powerLimit());
    }

    @Test
    void driverFailureMeansNoGpuButGarbageIsAnError() throws IOException {
        assertTrue(NvidiaSmi.meansNoGpu(sample("no-driver.txt")));
        assertTrue(NvidiaSmi.meansNoGpu("No devices were found\n"));
        assertFalse(NvidiaSmi.meansNoGpu("Segmentation fault"));
        assertThrows(IllegalArgumentException.class, () -> NvidiaSmi.parse("garbage\n"));
    }

    @Test
    void collectorOnAHostWithoutGpuOmitsTheSection() throws Exception {
        Assumptions.assumeFalse(Files.exists(Path.of("/dev/nvidiactl")), "this host has an NVIDIA GPU");
        assertTrue(new GpuCollector(5_000).collect().isEmpty());
    }
}
