package org.opsmon.monitoring.devices.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opsmon.monitoring.devices.entity.DeviceFindings;
import org.opsmon.monitoring.devices.entity.InterfaceCounters;
import org.opsmon.monitoring.devices.entity.InterfaceFacts;
import org.opsmon.monitoring.devices.entity.PollReading;
import org.opsmon.monitoring.devices.entity.SnmpCredentials;
import org.opsmon.monitoring.devices.entity.SnmpEndpoint;
import org.opsmon.monitoring.devices.entity.SnmpFailure;
import org.opsmon.monitoring.ingest.entity.CounterWidth;
import org.opsmon.monitoring.it.SnmpAgent;

/** The SNMP wrapper against a real snmpd: discovery and polls over v1, v2c and v3, and the reasons of failures. */
class DeviceProbeTest {

    @RegisterExtension
    static final SnmpAgent AGENT = new SnmpAgent();

    private static SnmpSession session;
    private static DeviceProbe probe;

    @BeforeAll
    static void open() {
        session = new SnmpSession(25);
        session.open();
        probe = new DeviceProbe(session);
    }

    @AfterAll
    static void close() {
        session.close();
    }

    private static SnmpEndpoint endpoint(SnmpCredentials credentials) {
        return new SnmpEndpoint("127.0.0.1", AGENT.port(), credentials, 400, 1);
    }

    private static SnmpCredentials community(String version, String community) {
        return SnmpCredentials.of(version, community, null, null, null, null, null);
    }

    private static SnmpCredentials v3(String user, String auth, String authPassword, String priv, String privPassword) {
        return SnmpCredentials.of("v3", null, user, auth, authPassword, priv, privPassword);
    }

    private static final SnmpCredentials PRIV = v3(SnmpAgent.PRIV_USER, "SHA-256", SnmpAgent.PRIV_AUTH_PASSWORD,
            "AES", SnmpAgent.PRIV_PRIV_PASSWORD);

    @Test
    void v2cDiscoveryReadsTheSystemGroupAndFindsLoopback() throws SnmpFailure {
        DeviceFindings found = probe.discover(endpoint(community("v2c", SnmpAgent.COMMUNITY)));
        assertEquals("snmpd-fixture", found.system().name());
        assertEquals("Test rack 7", found.system().location());
        assertEquals("noc@example.org", found.system().contact());
        assertTrue(found.system().description().startsWith("Linux"), found.system().description());
        assertTrue(found.system().objectId().startsWith("1.3.6.1.4.1.8072"), found.system().objectId());
        assertNotNull(found.system().uptimeSeconds());
        InterfaceFacts lo = found.interfaces().stream().filter(i -> "lo".equals(i.name())).findFirst().orElseThrow();
        assertEquals("up", lo.operStatus());
        assertEquals("up", lo.adminStatus());
        assertEquals(24, lo.type(), "softwareLoopback");
    }

    @Test
    void v3AuthPrivDiscoveryAndPollReadSixtyFourBitCountersThatGrowWithTraffic() throws Exception {
        SnmpEndpoint endpoint = endpoint(PRIV);
        DeviceFindings found = probe.discover(endpoint);
        int lo = found.interfaces().stream().filter(i -> "lo".equals(i.name())).findFirst().orElseThrow().index();
        PollReading first = probe.poll(endpoint);
        InterfaceCounters before = first.interfaces().stream().filter(i -> i.index() == lo).findFirst().orElseThrow();
        assertEquals(CounterWidth.BITS_64, before.width());
        // snmpd caches the interface table for a few seconds: traffic shows at its next refresh.
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        InterfaceCounters after = before;
        while (after.inOctets() <= before.inOctets() && System.nanoTime() < deadline) {
            loopbackTraffic();
            after = probe.poll(endpoint).interfaces().stream().filter(i -> i.index() == lo).findFirst().orElseThrow();
        }
        assertTrue(after.inOctets() > before.inOctets(), before.inOctets() + " then " + after.inOctets());
        assertTrue(first.uptimeCentis() > 0);
    }

    @Test
    void v3AuthNoPrivWithSha512Works() throws SnmpFailure {
        SnmpEndpoint endpoint = endpoint(v3(SnmpAgent.AUTH_USER, "SHA-512", SnmpAgent.AUTH_PASSWORD, null, null));
        assertEquals("snmpd-fixture", probe.discover(endpoint).system().name());
    }

    @Test
    void v1PollFallsBackToThirtyTwoBitCounters() throws SnmpFailure {
        PollReading reading = probe.poll(endpoint(community("v1", SnmpAgent.COMMUNITY)));
        assertTrue(reading.interfaces().size() >= 1);
        reading.interfaces().forEach(i -> assertEquals(CounterWidth.BITS_32, i.width()));
    }

    @Test
    void aWrongCommunityIsATimeoutThatSaysSo() {
        SnmpFailure failure = assertThrows(SnmpFailure.class,
                () -> probe.discover(endpoint(community("v2c", "not-the-community"))));
        assertEquals("timeout", failure.reason());
        assertTrue(failure.getMessage().contains("wrong community or unreachable"), failure.getMessage());
    }

    @Test
    void anUnknownUserIsNamed() {
        SnmpFailure failure = assertThrows(SnmpFailure.class, () -> probe.discover(endpoint(
                v3("nobody", "SHA-256", "whatever-pass", "AES", "whatever-pass"))));
        assertEquals("unknown_user", failure.reason(), failure.getMessage());
    }

    @Test
    void aWrongAuthPasswordIsAnAuthenticationFailure() {
        SnmpFailure failure = assertThrows(SnmpFailure.class, () -> probe.discover(endpoint(
                v3(SnmpAgent.PRIV_USER, "SHA-256", "not-the-auth-pass", "AES", SnmpAgent.PRIV_PRIV_PASSWORD))));
        assertEquals("authentication_failure", failure.reason(), failure.getMessage());
        // The right key for the same user and engine still works afterwards.
        assertEquals(assertDoesNotFail(), "snmpd-fixture");
    }

    @Test
    void privacyForAUserWithoutAPrivacyKeyIsAnUnsupportedSecurityLevel() {
        SnmpFailure failure = assertThrows(SnmpFailure.class, () -> probe.discover(endpoint(
                v3(SnmpAgent.AUTH_USER, "SHA-512", SnmpAgent.AUTH_PASSWORD, "AES", "some-priv-pass"))));
        assertEquals("unsupported_security_level", failure.reason(), failure.getMessage());
    }

    @Test
    void aLevelBelowWhatTheUserMayUseIsRefused() {
        SnmpFailure failure = assertThrows(SnmpFailure.class, () -> probe.discover(endpoint(
                v3(SnmpAgent.AUTH_USER, null, null, null, null))));
        assertEquals("not_authorized", failure.reason(), failure.getMessage());
    }

    @Test
    void nothingListeningIsATimeout() {
        SnmpEndpoint silent = new SnmpEndpoint("127.0.0.1", 9, PRIV, 200, 0);
        SnmpFailure failure = assertThrows(SnmpFailure.class, () -> probe.poll(silent));
        assertEquals("timeout", failure.reason());
    }

    private static String assertDoesNotFail() {
        try {
            return probe.discover(endpoint(PRIV)).system().name();
        } catch (SnmpFailure e) {
            throw new AssertionError(e.reason() + ": " + e.getMessage());
        }
    }

    private static void loopbackTraffic() throws Exception {
        // Real traffic on lo: a local HTTP exchange of a few hundred kilobytes.
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        byte[] body = new byte[256 * 1024];
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            for (int i = 0; i < 4; i++) {
                client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"))
                        .build(), HttpResponse.BodyHandlers.discarding());
            }
        } finally {
            server.stop(0);
        }
    }
}
