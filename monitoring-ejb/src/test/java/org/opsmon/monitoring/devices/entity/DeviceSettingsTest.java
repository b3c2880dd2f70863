package org.opsmon.monitoring.devices.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DeviceSettingsTest {

    static final SnmpCredentials PUBLIC = SnmpCredentials.of("v2c", "public", null, null, null, null, null);

    static DeviceSettings settings(String address, Integer port, Integer interval) {
        return DeviceSettings.of(address, port, PUBLIC, interval, null, 10, 3600, 60);
    }

    @Test
    void addressesAreIpLiteralsOrHostNames() {
        assertEquals("192.0.2.7", settings("192.0.2.7", null, null).address());
        assertEquals("2001:db8::1", settings("[2001:DB8::1]", null, null).address());
        assertEquals("::1", settings("::1", null, null).address());
        assertEquals("core-sw1.example.org", settings("core-sw1.example.org", null, null).address());
        for (String bad : new String[] {"256.1.1.1", "1.2.3", "host name", "-bad.example", "2001:db8:::1:", "a_b",
            "", "x".repeat(300)}) {
            assertEquals("invalid_address", SnmpCredentialsTest.code(() -> settings(bad, null, null)), bad);
        }
    }

    @Test
    void portAndIntervalHaveDefaultsAndBounds() {
        DeviceSettings defaults = settings("192.0.2.7", null, null);
        assertEquals(161, defaults.port());
        assertEquals(60, defaults.pollIntervalSeconds());
        assertTrue(defaults.enabled());
        assertEquals("invalid_port", SnmpCredentialsTest.code(() -> settings("192.0.2.7", 0, null)));
        assertEquals("invalid_port", SnmpCredentialsTest.code(() -> settings("192.0.2.7", 65536, null)));
        assertEquals("poll_interval_limit", SnmpCredentialsTest.code(() -> settings("192.0.2.7", null, 9)));
        assertEquals("poll_interval_limit", SnmpCredentialsTest.code(() -> settings("192.0.2.7", null, 3601)));
        assertEquals(10, settings("192.0.2.7", null, 10).pollIntervalSeconds());
    }
}
