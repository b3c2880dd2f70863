package org.opsmon.monitoring.agent.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NvidiaSmiTest {

    private static String sample(String name) throws IOException {
        try (InputStream in = NvidiaSmiTest.class.getResourceAsStream("/nvidia-smi/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void oneGpuIsParsedInSnapshotUnits() throws IOException {
        List<GpuReading> gpus = NvidiaSmi.parse(sample("one-gpu.csv"), false);
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
        List<GpuReading> gpus = NvidiaSmi.parse(sample("two-gpus.csv"), false);
        assertEquals(2, gpus.size());
        assertEquals(1, gpus.get(1).id());
        assertEquals(0L, gpus.get(1).memoryUsed());
        JsonObject json = GpuCollector.toJson(gpus).asJsonObject();
        assertEquals(2, json.getInt("count"));
        assertEquals(98.0, json.getJsonArray("gpus").getJsonObject(0).getJsonNumber("gpu_usage_percent").doubleValue());
    }

    @Test
    void unavailableFieldsAreOmittedNotZeroed() throws IOException {
        GpuReading na = NvidiaSmi.parse(sample("na-fields.csv"), false).get(0);
        assertNull(na.powerDraw());
        assertNull(na.powerLimit());
        assertEquals(34.0, na.temperature());
        JsonObject json = na.toJson();
        assertFalse(json.containsKey("power_draw"));
        assertFalse(json.containsKey("power_limit"));
        assertTrue(json.containsKey("memory_total"));

        GpuReading ns = NvidiaSmi.parse(sample("not-supported.csv"), false).get(0);
        assertNull(ns.usagePercent());
        assertNull(ns.powerDraw());
        assertEquals(210L << 20, ns.memoryUsed());
        assertFalse(ns.toJson().containsKey("gpu_usage_percent"));
    }

    @Test
    void namesWithCommasSurvive() {
        GpuReading g = NvidiaSmi.parse("3, Quadro RTX 8000, Rev B, 470.1, 46080, 1, 0, 30, 20.5, 260.00\n", false).get(0);
        assertEquals("Quadro RTX 8000, Rev B", g.name());
        assertEquals(3, g.id());
        assertEquals(260.0, g.powerLimit());
    }

    @Test
    void driverFailureMeansNoGpuButGarbageIsAnError() throws IOException {
        assertTrue(NvidiaSmi.meansNoGpu(sample("no-driver.txt")));
        assertTrue(NvidiaSmi.meansNoGpu("No devices were found\n"));
        assertFalse(NvidiaSmi.meansNoGpu("Segmentation fault"));
        assertThrows(IllegalArgumentException.class, () -> NvidiaSmi.parse("garbage\n", false));
    }

    @Test
    void collectorOnAHostWithoutGpuOmitsTheSection() throws Exception {
        Assumptions.assumeFalse(Files.exists(Path.of("/dev/nvidiactl")), "this host has an NVIDIA GPU");
        assertTrue(new GpuCollector(5_000).collect().isEmpty());
    }

    @Test
    void theDriversReserveIsReportedApartFromUsedMemory() throws IOException {
        GpuReading g = NvidiaSmi.parse(sample("reserved-idle.csv"), true).get(0);
        assertEquals("NVIDIA H200", g.name());
        assertEquals(143771L << 20, g.memoryTotal());
        assertEquals(615L << 20, g.memoryReserved());
        assertEquals(0L, g.memoryUsed(), "an idle board uses nothing, as nvidia-smi shows");
        assertEquals(700.0, g.powerLimit());
        JsonObject json = g.toJson();
        assertEquals(615L << 20, json.getJsonNumber("memory_reserved").longValue());
        assertEquals(0L, json.getJsonNumber("memory_used").longValue());

        GpuReading old = NvidiaSmi.parse(sample("reserved-not-supported.csv"), true).get(0);
        assertNull(old.memoryReserved());
        assertEquals(210L << 20, old.memoryUsed());
        assertFalse(old.toJson().containsKey("memory_reserved"));
        assertFalse(NvidiaSmi.parse(sample("one-gpu.csv"), false).get(0).toJson().containsKey("memory_reserved"));
    }

    /** A stand-in nvidia-smi from a driver that predates memory.reserved: it refuses the field, as the real one does. */
    @Test
    void aDriverThatRefusesTheReserveFieldIsAskedWithoutIt(@TempDir Path dir) throws Exception {
        Path calls = dir.resolve("calls");
        Path tool = dir.resolve("nvidia-smi");
        Files.writeString(tool, "#!/bin/sh\n"
                + "echo \"$1\" >> '" + calls + "'\n"
                + "case \"$1\" in *memory.reserved*) cat '" + resource("reserved-invalid-field.txt") + "'; exit 2;; esac\n"
                + "cat '" + resource("one-gpu.csv") + "'\n");
        assertTrue(tool.toFile().setExecutable(true));
        NvidiaSmi smi = new NvidiaSmi(tool);
        for (int run = 0; run < 2; run++) {
            List<GpuReading> gpus = smi.read(10_000);
            assertEquals(1, gpus.size());
            assertEquals(1843L << 20, gpus.get(0).memoryUsed());
            assertNull(gpus.get(0).memoryReserved());
        }
        List<String> queries = Files.readAllLines(calls);
        assertEquals(3, queries.size(), "asked with the field once, then without it on every run: " + queries);
        assertTrue(queries.get(0).contains("memory.reserved"));
        assertFalse(queries.get(2).contains("memory.reserved"));
    }

    private static Path resource(String name) throws Exception {
        return Path.of(NvidiaSmiTest.class.getResource("/nvidia-smi/" + name).toURI());
    }

    @Test
    void theV2MemoryStructHasNvmlsLayoutAndVersion() {
        Assumptions.assumeTrue(Platform.is64Bit(), "the expected figures are for 64-bit Linux");
        NvmlMemoryV2 m = new NvmlMemoryV2();
        assertEquals(40, m.size(), "unsigned int, 4 bytes of padding, four unsigned long long");
        assertEquals(0x02000028, NvmlMemoryV2.VERSION);
        m.total = 1;
        m.reserved = 2;
        m.free = 3;
        m.used = 4;
        m.write();
        Pointer p = m.getPointer();
        assertEquals(0x02000028, p.getInt(0), "each struct carries the version NVML checks");
        assertEquals(List.of(1L, 2L, 3L, 4L), List.of(p.getLong(8), p.getLong(16), p.getLong(24), p.getLong(32)));
        // NVML fills the struct in native memory; the fields must come back from the same offsets.
        p.setLong(32, 615L << 20);
        m.read();
        assertEquals(615L << 20, m.used);
    }
}
