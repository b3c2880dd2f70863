package org.opsmon.monitoring.devices.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.opsmon.monitoring.platform.entity.RequestProblem;

class SnmpCredentialsTest {

    static String code(Runnable action) {
        RequestProblem problem = assertThrows(RequestProblem.class, action::run);
        return problem.code();
    }

    @Test
    void communityVersionsNeedACommunityAndNothingOfV3() {
        assertEquals("public", SnmpCredentials.of("v2c", "public", null, null, null, null, null).community());
        assertEquals(SnmpVersion.V1, SnmpCredentials.of("v1", "public", null, null, null, null, null).version());
        assertEquals("invalid_community", code(() -> SnmpCredentials.of("v2c", null, null, null, null, null, null)));
        assertEquals("invalid_community", code(() -> SnmpCredentials.of("v2c", "a\u0000b", null, null, null, null, null)));
        assertEquals("invalid_user", code(() -> SnmpCredentials.of("v2c", "public", "u", null, null, null, null)));
    }

    @Test
    void versionsAreSpelledAsTheApiSpellsThem() {
        assertEquals("invalid_version", code(() -> SnmpCredentials.of("V2C", "public", null, null, null, null, null)));
        assertEquals("invalid_version", code(() -> SnmpCredentials.of(null, "public", null, null, null, null, null)));
    }

    @Test
    void v3LevelsFollowWhatIsGiven() {
        assertEquals("noAuthNoPriv", SnmpCredentials.of("v3", null, "u", null, null, null, null).securityLevel());
        assertEquals("authNoPriv", SnmpCredentials.of("v3", null, "u", "SHA-512", "12345678", null, null).securityLevel());
        SnmpCredentials priv = SnmpCredentials.of("v3", null, "u", "SHA-256", "12345678", "AES", "abcdefgh");
        assertEquals("authPriv", priv.securityLevel());
        assertEquals("AES-128", priv.privProtocol(), "AES means AES-128");
        assertEquals("AES-256", SnmpCredentials.of("v3", null, "u", "SHA", "12345678", "AES-256", "abcdefgh").privProtocol());
    }

    @Test
    void v3RefusesWhatNoUsmLevelOrProtocolAllows() {
        assertEquals("unsupported_security_level",
                code(() -> SnmpCredentials.of("v3", null, "u", null, null, "AES", "abcdefgh")));
        assertEquals("invalid_auth_protocol", code(() -> SnmpCredentials.of("v3", null, "u", "MD5", "12345678", null, null)));
        assertEquals("invalid_priv_protocol",
                code(() -> SnmpCredentials.of("v3", null, "u", "SHA", "12345678", "DES", "abcdefgh")));
        assertEquals("invalid_auth_password", code(() -> SnmpCredentials.of("v3", null, "u", "SHA", "short", null, null)));
        assertEquals("invalid_auth_password", code(() -> SnmpCredentials.of("v3", null, "u", "SHA", null, null, null)));
        assertEquals("invalid_user", code(() -> SnmpCredentials.of("v3", null, null, null, null, null, null)));
        assertEquals("invalid_community", code(() -> SnmpCredentials.of("v3", "public", "u", null, null, null, null)));
    }

    @Test
    void theTextFormNeverHoldsASecret() {
        SnmpCredentials priv = SnmpCredentials.of("v3", null, "u", "SHA-256", "auth-secret-1", "AES", "priv-secret-1");
        assertFalse(priv.toString().contains("secret"), priv.toString());
        assertFalse(SnmpCredentials.of("v2c", "community-secret", null, null, null, null, null).toString()
                .contains("secret"));
        assertNull(SnmpCredentials.of("v3", null, "u", null, null, null, null).authPassword());
    }
}
