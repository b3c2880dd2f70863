package org.opsmon.monitoring.devicelogs.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opsmon.monitoring.devicelogs.entity.ConvertedTrap;
import org.opsmon.monitoring.devicelogs.entity.EventSeverity;
import org.opsmon.monitoring.devicelogs.entity.TrapVariable;
import org.snmp4j.PDU;
import org.snmp4j.PDUv1;
import org.snmp4j.ScopedPDU;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.VariableBinding;

class TrapConversionTest {

    private static final OID IF_INDEX = new OID("1.3.6.1.2.1.2.2.1.1.3");

    @Test
    void v1GenericTrapsBecomeSnmpTraps() throws Exception {
        PDUv1 pdu = new PDUv1();
        pdu.setType(PDU.V1TRAP);
        pdu.setGenericTrap(PDUv1.LINKDOWN);
        pdu.setEnterprise(new OID("1.3.6.1.4.1.9.1.1"));
        pdu.setAgentAddress(new IpAddress("192.0.2.1"));
        pdu.add(new VariableBinding(IF_INDEX, new Integer32(3)));
        ConvertedTrap trap = TrapConversion.convert(pdu);
        assertEquals("1.3.6.1.6.3.1.1.5.3", trap.trapOid());
        assertEquals(EventSeverity.ERROR, trap.severity());
        assertEquals(List.of(new TrapVariable("1.3.6.1.2.1.2.2.1.1.3", "Integer32", "3"),
                new TrapVariable("1.3.6.1.6.3.18.1.3.0", "IpAddress", "192.0.2.1"),
                new TrapVariable("1.3.6.1.6.3.1.1.4.3.0", "OBJECT IDENTIFIER", "1.3.6.1.4.1.9.1.1")), trap.variables());
        assertEquals("linkDown 1.3.6.1.2.1.2.2.1.1.3=3 1.3.6.1.6.3.18.1.3.0=192.0.2.1 "
                + "1.3.6.1.6.3.1.1.4.3.0=1.3.6.1.4.1.9.1.1", trap.message());
    }

    @Test
    void v1EnterpriseSpecificTrapsFollowRfc3584() throws Exception {
        PDUv1 pdu = new PDUv1();
        pdu.setType(PDU.V1TRAP);
        pdu.setGenericTrap(PDUv1.ENTERPRISE_SPECIFIC);
        pdu.setSpecificTrap(17);
        pdu.setEnterprise(new OID("1.3.6.1.4.1.2021.251"));
        ConvertedTrap trap = TrapConversion.convert(pdu);
        assertEquals("1.3.6.1.4.1.2021.251.0.17", trap.trapOid());
        assertEquals(EventSeverity.NOTICE, trap.severity());
    }

    @Test
    void v2TrapsAndInformsTakeTheirOidFromTheSecondBinding() throws Exception {
        for (PDU pdu : List.of(new PDU(), new ScopedPDU())) {
            for (int type : new int[] {PDU.TRAP, PDU.INFORM}) {
                pdu.clear();
                pdu.setType(type);
                pdu.add(new VariableBinding(TrapConversion.SYS_UP_TIME, new TimeTicks(100)));
                pdu.add(new VariableBinding(TrapConversion.SNMP_TRAP_OID, new OID("1.3.6.1.6.3.1.1.5.4")));
                pdu.add(new VariableBinding(new OID("1.3.6.1.2.1.2.2.1.2.3"), new OctetString("ge-0/0/1")));
                pdu.add(new VariableBinding(new OID("1.3.6.1.4.1.1.1"), new OctetString(new byte[] {0, 1, (byte) 0xff})));
                ConvertedTrap trap = TrapConversion.convert(pdu);
                assertEquals("1.3.6.1.6.3.1.1.5.4", trap.trapOid());
                assertEquals(EventSeverity.NOTICE, trap.severity());
                assertEquals(new TrapVariable("1.3.6.1.2.1.2.2.1.2.3", "OCTET STRING", "ge-0/0/1"), trap.variables().get(0));
                assertEquals("00:01:ff", trap.variables().get(1).value());
            }
        }
    }

    @Test
    void notificationsWithoutTheirOidOrOtherPdusAreMalformed() {
        PDU noOid = new PDU();
        noOid.setType(PDU.TRAP);
        noOid.add(new VariableBinding(TrapConversion.SYS_UP_TIME, new TimeTicks(1)));
        assertThrows(MalformedTrapException.class, () -> TrapConversion.convert(noOid));
        PDU get = new PDU();
        get.setType(PDU.GET);
        assertThrows(MalformedTrapException.class, () -> TrapConversion.convert(get));
        PDUv1 badGeneric = new PDUv1();
        badGeneric.setType(PDU.V1TRAP);
        badGeneric.setGenericTrap(9);
        assertThrows(MalformedTrapException.class, () -> TrapConversion.convert(badGeneric));
    }
}
