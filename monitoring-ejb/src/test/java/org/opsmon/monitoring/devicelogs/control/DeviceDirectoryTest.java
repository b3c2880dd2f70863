package org.opsmon.monitoring.devicelogs.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opsmon.monitoring.platform.control.FreshDatabase;

/** Matching senders to devices, against device rows in PostgreSQL. */
class DeviceDirectoryTest {

    @RegisterExtension
    static final FreshDatabase DB = new FreshDatabase();

    @Test
    void literalsAreComparedAsAddressesAndNamesResolvedOnRefresh() throws Exception {
        long v4 = DeviceFixtures.device(DB, "dir-v4", "192.0.2.10");
        long v6 = DeviceFixtures.device(DB, "dir-v6", "2001:DB8:0:0::1");
        long bracketed = DeviceFixtures.device(DB, "dir-v6b", "[2001:db8::2]");
        long named = DeviceFixtures.device(DB, "dir-named", "switch.example.test");
        DeviceFixtures.device(DB, "dir-unresolvable", "nowhere.example.test");
        long disabled = DeviceFixtures.device(DB, "dir-disabled", "192.0.2.99");
        DB.update("UPDATE device SET enabled = FALSE WHERE client_id = ?", disabled);
        AtomicReference<String> switchAt = new AtomicReference<>("198.51.100.7");
        DeviceDirectory directory = new DeviceDirectory(host -> {
            if (host.equals("switch.example.test")) {
                return new InetAddress[] {InetAddress.getByName(switchAt.get())};
            }
            throw new UnknownHostException(host);
        });
        try (Connection connection = DB.connect()) {
            directory.refresh(connection);
        }
        assertEquals(v4, directory.lookup(InetAddress.getByName("192.0.2.10")).clientId());
        assertEquals(v4, directory.lookup(InetAddress.getByName("::ffff:192.0.2.10")).clientId());
        assertEquals(v6, directory.lookup(InetAddress.getByName("2001:db8::1")).clientId());
        assertEquals(v6, directory.lookup(InetAddress.getByName("2001:db8::1%1")).clientId());
        assertEquals(bracketed, directory.lookup(InetAddress.getByName("2001:db8::2")).clientId());
        assertEquals(named, directory.lookup(InetAddress.getByName("198.51.100.7")).clientId());
        assertEquals("dir-named", directory.lookup(InetAddress.getByName("198.51.100.7")).name());
        assertNull(directory.lookup(InetAddress.getByName("192.0.2.99")));
        assertNull(directory.lookup(InetAddress.getByName("192.0.2.11")));

        switchAt.set("198.51.100.8");
        try (Connection connection = DB.connect()) {
            directory.refresh(connection);
        }
        assertNull(directory.lookup(InetAddress.getByName("198.51.100.7")));
        assertEquals(named, directory.lookup(InetAddress.getByName("198.51.100.8")).clientId());
    }
}
