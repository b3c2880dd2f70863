package org.opsmon.monitoring.agent.gpu;

import com.sun.jna.Function;
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
    /** Absent from drivers older than the v2 call; direct mapping would refuse the whole class over it. */
    private static Function memoryInfoV2;

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
        NativeLibrary lib;
        try {
            lib = NativeLibrary.getInstance("libnvidia-ml.so.1");
            Native.register(Nvml.class, lib);
        } catch (LinkageError | RuntimeException e) {
            LOG.log(Level.FINE, "NVML not available: {0}", e.getMessage());
            return false;
        }
        try {
            memoryInfoV2 = lib.getFunction("nvmlDeviceGetMemoryInfo_v2");
        } catch (UnsatisfiedLinkError e) {
            LOG.fine("nvmlDeviceGetMemoryInfo_v2 missing: memory used includes the driver's reserve");
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
            Long[] mem = memory(d);
            int[] util = new int[2];
            int[] temp = new int[1];
            int[] power = new int[1];
            int[] limit = new int[1];
            out.add(new GpuReading(i,
                    nvmlDeviceGetName(d, name, name.length) == SUCCESS ? cString(name) : null,
                    driver,
                    mem[0],
                    mem[1],
                    mem[2],
                    nvmlDeviceGetUtilizationRates(d, util) == SUCCESS ? (double) util[0] : null,
                    nvmlDeviceGetTemperature(d, TEMPERATURE_GPU, temp) == SUCCESS ? (double) temp[0] : null,
                    nvmlDeviceGetPowerUsage(d, power) == SUCCESS ? (double) power[0] / MILLIWATTS_PER_WATT : null,
                    nvmlDeviceGetEnforcedPowerLimit(d, limit) == SUCCESS ? (double) limit[0] / MILLIWATTS_PER_WATT : null));
        }
        return out;
    }

    /** {total, reserved, used}, each null where unknown: v2 when the driver has it, else v1 (no reserve). */
    private static Long[] memory(Pointer d) {
        if (memoryInfoV2 != null) {
            NvmlMemoryV2 m = new NvmlMemoryV2();
            if (memoryInfoV2.invokeInt(new Object[] {d, m}) == SUCCESS) {
                return new Long[] {m.total, m.reserved, m.used};
            }
        }
        long[] v1 = new long[3];
        if (nvmlDeviceGetMemoryInfo(d, v1) == SUCCESS) {
            return new Long[] {v1[0], null, v1[2]};
        }
        return new Long[3];
    }

    private static String cString(byte[] b) {
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }
}
