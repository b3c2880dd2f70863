package org.opsmon.monitoring.devicelogs.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opsmon.monitoring.devicelogs.control.DeviceLogCounters.Outcome;
import org.opsmon.monitoring.devicelogs.entity.DeviceEventType;
import org.opsmon.monitoring.devicelogs.entity.NewDeviceEvent;
import org.opsmon.monitoring.platform.control.FreshDatabase;
import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.PDUv1;
import org.snmp4j.Snmp;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/** The trap receiver on a real UDP port, sent to by a real SNMP4J sender from a device's and a stranger's address. */
class TrapReceiverTest {

    @RegisterExtension
    static final FreshDatabase DB = new FreshDatabase();
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final DeviceDirectory DIRECTORY = new DeviceDirectory();
    private static long device;

    private final DeviceLogCounters counters = new DeviceLogCounters();
    private DeviceLogIntake intake;
    private TrapReceiver receiver;

    @BeforeAll
    static void devices() throws Exception {
        device = DeviceFixtures.device(DB, "trap-router", "127.0.0.1");
        try (Connection connection = DB.connect()) {
            DIRECTORY.refresh(connection);
        }
    }

    @BeforeEach
    void start() throws Exception {
        intake = new DeviceLogIntake(DIRECTORY, counters, new SenderRate(0, 10), new SenderRate(0, 10),
                new SyslogParser(ZoneOffset.UTC), 100, Clock.systemUTC(), () -> { });
        receiver = new TrapReceiver("127.0.0.1", 0, intake, counters);
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private Snmp sender(String from) throws Exception {
        Snmp snmp = new Snmp(new DefaultUdpTransportMapping(new UdpAddress(InetAddress.getByName(from), 0)));
        snmp.listen();
        return snmp;
    }

    private CommunityTarget<UdpAddress> target(int version) throws Exception {
        CommunityTarget<UdpAddress> target = new CommunityTarget<>(
                new UdpAddress(InetAddress.getByName("127.0.0.1"), receiver.port()), new OctetString("public"));
        target.setVersion(version);
        target.setTimeout(2000);
        target.setRetries(1);
        return target;
    }

    private static PDU v2(int type, String trapOid) {
        PDU pdu = new PDU();
        pdu.setType(type);
        pdu.add(new VariableBinding(SnmpConstants.sysUpTime, new TimeTicks(4200)));
        pdu.add(new VariableBinding(SnmpConstants.snmpTrapOID, new OID(trapOid)));
        pdu.add(new VariableBinding(new OID("1.3.6.1.2.1.2.2.1.1.2"), new Integer32(2)));
        return pdu;
    }

    private NewDeviceEvent next() throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            List<NewDeviceEvent> got = intake.take(1, 50);
            if (!got.isEmpty()) {
                return got.get(0);
            }
        }
        throw new AssertionError("no trap queued");
    }

    @Test
    void v1AndV2cTrapsFromADeviceAreQueued() throws Exception {
        try (Snmp snmp = sender("127.0.0.1")) {
            PDUv1 v1 = new PDUv1();
            v1.setType(PDU.V1TRAP);
            v1.setGenericTrap(PDUv1.COLDSTART);
            v1.setEnterprise(new OID("1.3.6.1.4.1.8072.3.2.10"));
            v1.setAgentAddress(new IpAddress("127.0.0.1"));
            snmp.send(v1, target(SnmpConstants.version1));
            NewDeviceEvent first = next();
            assertEquals(device, first.clientId());
            assertEquals(DeviceEventType.TRAP, first.type());
            assertEquals("1.3.6.1.6.3.1.1.5.1", first.trapOid());
            assertEquals("127.0.0.1", first.sourceAddress());

            snmp.send(v2(PDU.TRAP, "1.3.6.1.6.3.1.1.5.3"), target(SnmpConstants.version2c));
            NewDeviceEvent second = next();
            assertEquals("1.3.6.1.6.3.1.1.5.3", second.trapOid());
            assertEquals("2", second.variables().get(0).value());
        }
    }

    @Test
    void anInformIsAnsweredAndQueued() throws Exception {
        try (Snmp snmp = sender("127.0.0.1")) {
            ResponseEvent<UdpAddress> answer = snmp.send(v2(PDU.INFORM, "1.3.6.1.4.1.9.9.41.2.0.1"),
                    target(SnmpConstants.version2c));
            assertNotNull(answer.getResponse(), "the inform was answered");
            assertEquals(PDU.RESPONSE, answer.getResponse().getType());
            assertEquals("1.3.6.1.4.1.9.9.41.2.0.1", next().trapOid());
        }
    }

    @Test
    void strangersAndMalformedTrapsAreCountedNotQueued() throws Exception {
        try (Snmp stranger = sender("127.0.0.2"); Snmp known = sender("127.0.0.1")) {
            stranger.send(v2(PDU.TRAP, "1.3.6.1.6.3.1.1.5.3"), target(SnmpConstants.version2c));
            PDU noOid = new PDU();
            noOid.setType(PDU.TRAP);
            noOid.add(new VariableBinding(SnmpConstants.sysUpTime, new TimeTicks(1)));
            known.send(noOid, target(SnmpConstants.version2c));
            known.send(v2(PDU.TRAP, "1.3.6.1.6.3.1.1.5.4"), target(SnmpConstants.version2c));
            assertEquals("1.3.6.1.6.3.1.1.5.4", next().trapOid());
        }
        DeviceFixtures.await("counted", WAIT, () -> counters.get(Outcome.TRAPS_RECEIVED) == 3);
        assertEquals(1, counters.get(Outcome.TRAPS_UNKNOWN_SENDER));
        assertEquals(1, counters.get(Outcome.TRAPS_MALFORMED));
        assertTrue(intake.take(5, 100).isEmpty());
    }
}
