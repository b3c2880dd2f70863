package org.opsmon.monitoring.agent.gpu;

import com.sun.jna.Structure;

/**
 * NVML's {@code nvmlMemory_v2_t}: unlike the v1 call, whose "used" includes what the driver and
 * firmware reserve (hundreds of MiB on an idle data-centre board), v2 reports that reserve apart,
 * which is what nvidia-smi shows. Its layout is left to JNA so padding after the leading
 * {@code unsigned int} follows the platform's C rules; public because JNA reads the fields by
 * reflection.
 */
@Structure.FieldOrder({"version", "total", "reserved", "free", "used"})
public final class NvmlMemoryV2 extends Structure {

    /** NVML_STRUCT_VERSION(Memory, 2): the struct's size with the version number in the top byte. */
    static final int VERSION = new NvmlMemoryV2().version;

    public int version;
    public long total;
    public long reserved;
    public long free;
    public long used;

    public NvmlMemoryV2() {
        version = size() | (2 << 24);
    }
}
