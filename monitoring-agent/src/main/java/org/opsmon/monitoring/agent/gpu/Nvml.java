package org.opsmon.monitoring.agent.gpu;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * NVIDIA Management Library bound with JNA direct mapping: static natives need no interface
 * proxy and fill primitive arrays in place, which is all NVML's out-parameters are. The driver
 * ships only the versioned {@code libnvidia-ml.so.1}, so that exact name is loaded.
 */
final class Nvml {

    private static final Logger LOG = Logger.getLogger(Nvml.class.getName());
    private static final int SUCCESS = 0;
    private static final int TEMPERATURE_GPU = 0;
    private static final long MILLIWATTS_PER_WATT = 1000;

    private static boolean loaded;
    private static boolean initialised;

    private Nvml() {
    }

    static native int nvmlInit_v2();

    static native int nvmlSystemGetDriverVersion(byte[] version, int length);

    static native int nvmlDeviceGetCount_v2(int[] count);

    /** The handle is an opaque pointer; direct mapping cannot fill a Pointer[], so it arrives as a long. */
    static native int nvmlDeviceGetHandleByIndex_v2(int index, long[] device);

    static native int nvmlDeviceGetName(Pointer device, byte[] name, int length);

    static native int nvmlDeviceGetMemoryInfo(Pointer device, long[] totalFreeUsed);

    static native int nvmlDeviceGetUtilizationRates(Pointer device, int[] gpuAndMemory);

    static native int nvmlDeviceGetTemperature(Pointer device, int sensor, int[] celsius);

    static native int nvmlDeviceGetPowerUsage(Pointer device, int[] milliwatts);

    static native int nvmlDeviceGetEnforcedPowerLimit(Pointer device, int[] milliwatts);

    /** True once NVML is loaded and initialised; failures are remembered so they cost nothing later. */
    static synchronized boolean available() {
        if (initialised) {
            return true;
        }
        if (loaded) {
            return false;
        }
        loaded = true;
        try {
            Native.register(Nvml.class, NativeLibrary.getInstance("libnvidia-ml.so.1"));
        } catch (LinkageError | RuntimeException e) {
            LOG.log(Level.FINE, "NVML not available: {0}", e.getMessage());
            return false;
        }
        int rc = nvmlInit_v2();
        if (rc != SUCCESS) {
            LOG.log(Level.FINE, "nvmlInit_v2 returned {0}: no usable NVIDIA driver", rc);
            return false;
        }
        initialised = true;
        return true;
    }

    static List<GpuReading> read() {
        byte[] buf = new byte[96];
        String driver = nvmlSystemGetDriverVersion(buf, buf.length) == SUCCESS ? cString(buf) : null;
        int[] count = new int[1];
        if (nvmlDeviceGetCount_v2(count) != SUCCESS) {
            return List.of();
        }
        List<GpuReading> out = new ArrayList<>();
        for (int i = 0; i < count[0]; i++) {
            long[] handle = new long[1];
            if (nvmlDeviceGetHandleByIndex_v2(i, handle) != SUCCESS) {
                continue;
            }
            Pointer d = new Pointer(handle[0]);
            byte[] name = new byte[96];
            long[] mem = new long[3];
            int[] util = new int[2];
            int[] temp = new int[1];
            int[] power = new int[1];
            int[] limit = new int[1];
            boolean hasMem = nvmlDeviceGetMemoryInfo(d, mem) == SUCCESS;
            out.add(new GpuReading(i,
                    nvmlDeviceGetName(d, name, name.length) == SUCCESS ? cString(name) : null,
                    driver,
                    hasMem ? mem[0] : null,
                    hasMem ? mem[2] : null,
                    nvmlDeviceGetUtilizationRates(d, util) == SUCCESS ? (double) util[0] : null,
                    nvmlDeviceGetTemperature(d, TEMPERATURE_GPU, temp) == SUCCESS ? (double) temp[0] : null,
                    nvmlDeviceGetPowerUsage(d, power) == SUCCESS ? (double) power[0] / MILLIWATTS_PER_WATT : null,
                    nvmlDeviceGetEnforcedPowerLimit(d, limit) == SUCCESS ? (double) limit[0] / MILLIWATTS_PER_WATT : null));
        }
        return out;
    }

    private static String cString(byte[] b) {
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }
}
