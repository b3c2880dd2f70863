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
import org.opsmon.monitoring.devices.control.SnmpTargets;
import org.opsmon.monitoring.devices.entity.SnmpCredentials;
import org.opsmon.monitoring.platform.control.FreshDatabase;
import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.PDUv1;
import org.snmp4j.Snmp;
import org.snmp4j.UserTarget;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.SecurityModel;
import org.snmp4j.security.SecurityModels;
import org.snmp4j.security.USM;
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

    static SnmpCredentials v3(String user, String authPassword, String privPassword) {
        return SnmpCredentials.of("v3", null, user, "SHA-256", authPassword, "AES", privPassword);
    }

    /** A v3 sender with an engine of its own and these credentials, as a switch holds them. */
    private Snmp v3Sender(String engine, SnmpCredentials credentials) throws Exception {
        Snmp snmp = sender("127.0.0.1");
        byte[] engineId = MPv3.createLocalEngineID(new OctetString(engine));
        USM usm = new USM(SnmpTargets.securityProtocols(), new OctetString(engineId), 0);
        usm.addUser(SnmpTargets.user(credentials));
        MPv3 mp = (MPv3) snmp.getMessageProcessingModel(MPv3.ID);
        mp.setLocalEngineID(engineId);
        mp.setSecurityModels(new SecurityModels().addSecurityModel(usm));
        return snmp;
    }

    private UserTarget<UdpAddress> v3Target(String user, byte[] authoritativeEngine) throws Exception {
        UserTarget<UdpAddress> target = new UserTarget<>();
        target.setAddress(new UdpAddress(InetAddress.getByName("127.0.0.1"), receiver.port()));
        target.setSecurityName(new OctetString(user));
        target.setSecurityLevel(SecurityLevel.AUTH_PRIV);
        target.setSecurityModel(SecurityModel.SECURITY_MODEL_USM);
        target.setVersion(SnmpConstants.version3);
        if (authoritativeEngine != null) {
            target.setAuthoritativeEngineID(authoritativeEngine);
        }
        target.setTimeout(2000);
        target.setRetries(1);
        return target;
    }

    private void sendV3Trap(Snmp snmp, String user, String trapOid) throws Exception {
        byte[] own = ((MPv3) snmp.getMessageProcessingModel(MPv3.ID)).getLocalEngineID();
        snmp.send(v3Pdu(PDU.TRAP, trapOid), v3Target(user, own));
    }

    private static PDU v3Pdu(int type, String trapOid) {
        org.snmp4j.ScopedPDU pdu = new org.snmp4j.ScopedPDU();
        pdu.setType(type);
        v2(type, trapOid).getVariableBindings().forEach(pdu::add);
        return pdu;
    }

    @Test
    void v3TrapsAuthPrivFromTwoEnginesAreQueued() throws Exception {
        SnmpCredentials user = v3("trapper", "auth-pass-256", "priv-pass-aes");
        assertTrue(receiver.useV3Users(List.of(user)).isEmpty());
        try (Snmp first = v3Sender("switch-a", user); Snmp second = v3Sender("switch-b", user)) {
            sendV3Trap(first, "trapper", "1.3.6.1.6.3.1.1.5.3");
            NewDeviceEvent trap = next();
            assertEquals(device, trap.clientId());
            assertEquals("1.3.6.1.6.3.1.1.5.3", trap.trapOid());
            assertEquals("2", trap.variables().get(0).value());
            // Another engine: the same user's keys localized anew for it.
            sendV3Trap(second, "trapper", "1.3.6.1.6.3.1.1.5.4");
            assertEquals("1.3.6.1.6.3.1.1.5.4", next().trapOid());
        }
    }

    @Test
    void aV3InformIsAnsweredAfterEngineDiscovery() throws Exception {
        SnmpCredentials user = v3("informer", "auth-pass-256", "priv-pass-aes");
        receiver.useV3Users(List.of(user));
        try (Snmp snmp = v3Sender("switch-c", user)) {
            byte[] receiverEngine = snmp.discoverAuthoritativeEngineID(
                    new UdpAddress(InetAddress.getByName("127.0.0.1"), receiver.port()), 2000);
            assertNotNull(receiverEngine, "the receiver's engine was discovered");
            // The sender's USM must know the user localized for the receiver's engine, as net-snmp does with -e.
            ResponseEvent<UdpAddress> answer = snmp.send(v3Pdu(PDU.INFORM, "1.3.6.1.4.1.9.9.41.2.0.1"),
                    v3Target("informer", receiverEngine));
            assertNotNull(answer.getResponse(), "the inform was answered");
            assertEquals(PDU.RESPONSE, answer.getResponse().getType());
            assertEquals("1.3.6.1.4.1.9.9.41.2.0.1", next().trapOid());
        }
    }

    @Test
    void unknownUsersAndWrongKeysAreCountedNotQueuedAndChangedUsersFollowed() throws Exception {
        SnmpCredentials stored = v3("operator", "auth-pass-256", "priv-pass-aes");
        receiver.useV3Users(List.of(stored));
        try (Snmp stranger = v3Sender("switch-d", v3("nobody", "auth-pass-256", "priv-pass-aes"));
             Snmp wrongAuth = v3Sender("switch-e", v3("operator", "not-the-auth-pass", "priv-pass-aes"))) {
            sendV3Trap(stranger, "nobody", "1.3.6.1.6.3.1.1.5.3");
            sendV3Trap(wrongAuth, "operator", "1.3.6.1.6.3.1.1.5.3");
            DeviceFixtures.await("v3 rejections counted", WAIT,
                    () -> counters.get(Outcome.TRAPS_V3_UNKNOWN_USER) == 1
                            && counters.get(Outcome.TRAPS_V3_AUTHENTICATION_FAILED) == 1);
            assertTrue(intake.take(5, 100).isEmpty(), "nothing queued");

            // The admin changes the device's passwords: the old keys stop working, the new ones work.
            SnmpCredentials changed = v3("operator", "not-the-auth-pass", "priv-pass-aes");
            receiver.useV3Users(List.of(changed));
            sendV3Trap(wrongAuth, "operator", "1.3.6.1.6.3.1.1.5.4");
            assertEquals("1.3.6.1.6.3.1.1.5.4", next().trapOid());
            try (Snmp old = v3Sender("switch-f", stored)) {
                sendV3Trap(old, "operator", "1.3.6.1.6.3.1.1.5.3");
                DeviceFixtures.await("old keys refused", WAIT,
                        () -> counters.get(Outcome.TRAPS_V3_AUTHENTICATION_FAILED) == 2);
            }
            // The device removed: its user is gone.
            receiver.useV3Users(List.of());
            sendV3Trap(wrongAuth, "operator", "1.3.6.1.6.3.1.1.5.4");
            DeviceFixtures.await("removed user unknown", WAIT, () -> counters.get(Outcome.TRAPS_V3_UNKNOWN_USER) == 2);
            assertTrue(intake.take(5, 100).isEmpty(), "nothing queued");
        }
    }
}
