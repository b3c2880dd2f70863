package org.opsmon.monitoring.devices.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.opsmon.monitoring.devices.entity.SnmpCredentials;
import org.opsmon.monitoring.devices.entity.SnmpEndpoint;
import org.opsmon.monitoring.devices.entity.SnmpFailure;
import org.snmp4j.CommunityTarget;
import org.snmp4j.Target;
import org.snmp4j.UserTarget;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.AuthHMAC192SHA256;
import org.snmp4j.security.AuthHMAC384SHA512;
import org.snmp4j.security.AuthSHA;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.PrivAES256;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.UdpAddress;

/** Versions, levels and protocols map onto SNMP4J's targets and users as the API names them. */
class SnmpTargetsTest {

    static SnmpEndpoint endpoint(SnmpCredentials credentials) {
        return new SnmpEndpoint("127.0.0.1", 1161, credentials, 700, 2);
    }

    @Test
    void v1AndV2cAreCommunityTargetsWithTheEndpointsPatience() throws SnmpFailure {
        for (String version : new String[] {"v1", "v2c"}) {
            SnmpEndpoint endpoint = endpoint(SnmpCredentials.of(version, "public", null, null, null, null, null));
            Target<UdpAddress> target = SnmpTargets.target(endpoint, SnmpTargets.address(endpoint), null);
            CommunityTarget<UdpAddress> community = (CommunityTarget<UdpAddress>) target;
            assertEquals("public", community.getCommunity().toString());
            assertEquals("v1".equals(version) ? SnmpConstants.version1 : SnmpConstants.version2c, target.getVersion());
            assertEquals(700, target.getTimeout());
            assertEquals(2, target.getRetries());
            assertEquals(1161, target.getAddress().getPort());
        }
    }

    @Test
    void v3IsAUserTargetBoundToTheEngineAtTheGivenLevel() throws SnmpFailure {
        byte[] engine = {(byte) 0x80, 0, 0x1f, (byte) 0x88, 4};
        SnmpEndpoint endpoint = endpoint(SnmpCredentials.of("v3", null, "ops", "SHA-256", "12345678", "AES-256",
                "abcdefgh"));
        UserTarget<UdpAddress> target = (UserTarget<UdpAddress>) SnmpTargets.target(endpoint,
                SnmpTargets.address(endpoint), engine);
        assertEquals(SnmpConstants.version3, target.getVersion());
        assertEquals("ops", target.getSecurityName().toString());
        assertEquals(SecurityLevel.AUTH_PRIV, target.getSecurityLevel());
        assertArrayEquals(engine, target.getAuthoritativeEngineID());
        assertEquals(SecurityLevel.AUTH_NOPRIV,
                SnmpTargets.securityLevel(SnmpCredentials.of("v3", null, "ops", "SHA", "12345678", null, null)));
        assertEquals(SecurityLevel.NOAUTH_NOPRIV,
                SnmpTargets.securityLevel(SnmpCredentials.of("v3", null, "ops", null, null, null, null)));
    }

    @Test
    void protocolsMapToSnmp4jsIdentifiers() {
        assertEquals(AuthSHA.ID, SnmpTargets.authProtocol("SHA"));
        assertEquals(AuthHMAC192SHA256.ID, SnmpTargets.authProtocol("SHA-256"));
        assertEquals(AuthHMAC384SHA512.ID, SnmpTargets.authProtocol("SHA-512"));
        assertEquals(PrivAES128.ID, SnmpTargets.privProtocol("AES-128"));
        assertEquals(PrivAES256.ID, SnmpTargets.privProtocol("AES-256"));
        UsmUser user = SnmpTargets.user(SnmpCredentials.of("v3", null, "ops", null, null, null, null));
        assertNull(user.getAuthenticationProtocol());
        assertNull(user.getPrivacyProtocol());
    }

    @Test
    void aHostNameThatDoesNotResolveIsNamed() {
        SnmpEndpoint endpoint = new SnmpEndpoint("no-such-host.invalid", 161,
                SnmpCredentials.of("v2c", "public", null, null, null, null, null), 100, 0);
        assertEquals("unknown_host", assertThrows(SnmpFailure.class, () -> SnmpTargets.address(endpoint)).reason());
    }
}
