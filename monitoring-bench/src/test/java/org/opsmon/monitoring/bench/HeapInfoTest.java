package org.opsmon.monitoring.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The heap figures of {@code jcmd GC.heap_info} as JDK 17 prints them for each collector. */
class HeapInfoTest {

    @Test
    void g1CountsItsOneHeapLineAndReadsMetaspace() {
        HeapInfo info = HeapInfo.parse("""
                17661:
                 garbage-first heap   total 45056K, used 11230K [0x00000000f0000000, 0x0000000100000000)
                  region size 1024K, 0 young (0K), 0 survivors (0K)
                 Metaspace       used 74K, committed 320K, reserved 1114112K
                  class space    used 3K, committed 128K, reserved 1048576K
                """).orElseThrow();
        assertEquals(11230L * 1024, info.heapUsed());
        assertEquals(74L * 1024, info.metaspaceUsed());
    }

    @Test
    void serialAndParallelAddTheirGenerations() {
        HeapInfo serial = HeapInfo.parse("""
                 def new generation   total 78656K, used 100K [0x00000000f0000000, 0x00000000f5550000, 0x00000000f5550000)
                  eden space 69952K,   0% used [0x00000000f0000000, 0x00000000f0000000, 0x00000000f4450000)
                 tenured generation   total 174784K, used 10216K [0x00000000f5550000, 0x0000000100000000, 0x0000000100000000)
                   the space 174784K,   5% used [0x00000000f5550000, 0x00000000f5f4a370, 0x00000000f5f4a400, 0x0000000100000000)
                 Metaspace       used 122K, committed 320K, reserved 1114112K
                """).orElseThrow();
        assertEquals((100L + 10216) * 1024, serial.heapUsed());
        HeapInfo parallel = HeapInfo.parse("""
                 PSYoungGen      total 76288K, used 0K [0x00000000fab00000, 0x0000000100000000, 0x0000000100000000)
                  eden space 65536K, 0% used [0x00000000fab00000,0x00000000fab00000,0x00000000feb00000)
                 ParOldGen       total 175104K, used 10216K [0x00000000f0000000, 0x00000000fab00000, 0x00000000fab00000)
                 Metaspace       used 129K, committed 320K, reserved 1114112K
                """).orElseThrow();
        assertEquals(10216L * 1024, parallel.heapUsed());
    }

    @Test
    void zgcPrintsMegabytes() {
        HeapInfo z = HeapInfo.parse("""
                 ZHeap           used 12M, capacity 256M, max capacity 256M
                 Metaspace       used 124K, committed 320K, reserved 1114112K
                """).orElseThrow();
        assertEquals(12L * 1024 * 1024, z.heapUsed());
    }

    @Test
    void aFailedJcmdGivesNothing() {
        assertTrue(HeapInfo.parse("12345:\ncom.sun.tools.attach.AttachNotSupportedException: Unable to open socket file")
                .isEmpty());
        assertTrue(HeapInfo.parse("").isEmpty());
    }
}
