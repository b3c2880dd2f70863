package org.opsmon.monitoring.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.snmp4j.smi.Counter32;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.TimeTicks;

class SimulatedMibTest {

    private static final long START = 1_700_000_000_000L;
    private static final OID HC_IN_OCTETS = new OID("1.3.6.1.2.1.31.1.1.1.6");

    @Test
    void objectsAreInLexicographicOrder() {
        SimulatedMib mib = new SimulatedMib(12, START);
        for (int i = 1; i < mib.size(); i++) {
            assertTrue(mib.oid(i - 1).compareTo(mib.oid(i)) < 0, mib.oid(i - 1) + " before " + mib.oid(i));
        }
        // 6 scalars, 22 interface columns
        assertEquals(6 + 22 * 12, mib.size());
    }

    @Test
    void getNextWalksAColumnAndThenLeavesIt() {
        SimulatedMib mib = new SimulatedMib(3, START);
        assertEquals(new OID(HC_IN_OCTETS).append(1), mib.oid(mib.indexAfter(HC_IN_OCTETS)));
        assertEquals(new OID(HC_IN_OCTETS).append(2), mib.oid(mib.indexAfter(new OID(HC_IN_OCTETS).append(1))));
        assertEquals(new OID("1.3.6.1.2.1.31.1.1.1.7.1"), mib.oid(mib.indexAfter(new OID(HC_IN_OCTETS).append(3))));
        assertEquals(new OID("1.3.6.1.2.1.1.1.0"), mib.oid(mib.indexAfter(new OID("1.3"))));
        assertEquals(-1, mib.indexAfter(new OID("1.3.6.1.2.1.31.1.1.1.19.3")));
        assertEquals(-1, mib.indexOf(new OID("1.3.6.1.2.1.1.3")));
    }

    @Test
    void countersGrowAtTheInterfacesRateAndThe32BitOnesWrap() {
        SimulatedMib mib = new SimulatedMib(2, START);
        int hcIn1 = mib.indexOf(new OID(HC_IN_OCTETS).append(1));
        long rate = SimulatedMib.bytesPerSecond(0, 1, 1);
        assertTrue(rate >= 125_000 && rate <= 12_500_000, "between 1 and 100 Mbit/s: " + rate);
        Counter64 early = (Counter64) mib.value(0, hcIn1, START + 10_000);
        Counter64 later = (Counter64) mib.value(0, hcIn1, START + 20_000);
        assertEquals(10 * rate, later.getValue() - early.getValue());
        assertTrue(mib.isCounter(hcIn1));

        int in32 = mib.indexOf(new OID("1.3.6.1.2.1.2.2.1.10.1"));
        long day = START + 86_400_000L;
        assertEquals((86_400 * rate) & 0xFFFFFFFFL, ((Counter32) mib.value(0, in32, day)).getValue());
        assertEquals(100 * 3600 * 24, ((TimeTicks) mib.value(0, mib.indexOf(new OID("1.3.6.1.2.1.1.3.0")), day)).getValue());
    }

    @Test
    void devicesDifferInTraffic() {
        assertTrue(SimulatedMib.bytesPerSecond(0, 1, 1) != SimulatedMib.bytesPerSecond(1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new SimulatedMib(0, START));
    }
}
