package org.opsmon.monitoring.devicelogs.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opsmon.monitoring.devicelogs.entity.DeviceEventRecorded;
import org.opsmon.monitoring.devicelogs.entity.EventSeverity;
import org.opsmon.monitoring.devicelogs.entity.NewDeviceEvent;
import org.opsmon.monitoring.devicelogs.entity.TrapVariable;
import org.opsmon.monitoring.platform.control.FreshDatabase;

/** The writer against PostgreSQL: every kind round-trips, hostile text is stored, deleted devices are skipped. */
class DeviceEventsTest {

    @RegisterExtension
    static final FreshDatabase DB = new FreshDatabase();

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void everyKindIsStoredWithItsFields() throws Exception {
        long device = device("switch-events");
        List<DeviceEventRecorded> written;
        try (Connection connection = DB.connect()) {
            written = DeviceEvents.write(connection, List.of(
                    NewDeviceEvent.status(device, NOW, EventSeverity.CRITICAL, "Device unreachable"),
                    NewDeviceEvent.trap(device, NOW, "10.0.0.7", EventSeverity.WARNING, "1.3.6.1.6.3.1.1.5.3",
                            List.of(new TrapVariable("1.3.6.1.2.1.2.2.1.1.3", "Integer32", "3")), "linkDown"),
                    NewDeviceEvent.syslog(device, NOW, "10.0.0.7", NOW.minusSeconds(3), EventSeverity.ERROR, 23,
                            "sw1", "sshd", "Failed password\u0000 for root")));
        }
        assertEquals(3, written.size());
        assertEquals("switch-events", written.get(0).device());
        assertEquals(3, DB.number("SELECT count(*) FROM device_event WHERE client_id = ?", device));
        assertEquals("status", DB.value("SELECT type FROM device_event WHERE id = ?", written.get(0).id()));
        assertEquals(2, DB.number("SELECT severity FROM device_event WHERE id = ?", written.get(0).id()));
        assertEquals("1.3.6.1.6.3.1.1.5.3", DB.value("SELECT trap_oid FROM device_event WHERE id = ?", written.get(1).id()));
        assertEquals("[{\"oid\":\"1.3.6.1.2.1.2.2.1.1.3\",\"type\":\"Integer32\",\"value\":\"3\"}]",
                DB.value("SELECT variables FROM device_event WHERE id = ?", written.get(1).id()));
        long syslog = written.get(2).id();
        assertEquals(23, DB.number("SELECT facility FROM device_event WHERE id = ?", syslog));
        assertEquals("Failed password\uFFFD for root", DB.value("SELECT message FROM device_event WHERE id = ?", syslog));
        assertEquals(NOW.minusSeconds(3), DB.instant("SELECT reported_at FROM device_event WHERE id = ?", syslog));
        assertNull(DB.value("SELECT reported_at FROM device_event WHERE id = ?", written.get(1).id()));
    }

    @Test
    void eventsOfADeviceGoneMeanwhileAreSkippedAndTheRestWritten() throws Exception {
        long device = device("switch-stays");
        try (Connection connection = DB.connect()) {
            List<DeviceEventRecorded> written = DeviceEvents.write(connection, List.of(
                    NewDeviceEvent.status(987654321L, NOW, EventSeverity.NOTICE, "gone"),
                    NewDeviceEvent.status(device, NOW, EventSeverity.NOTICE, "Device online")));
            assertEquals(1, written.size());
        }
        assertEquals(1, DB.number("SELECT count(*) FROM device_event WHERE client_id = ?", device));
    }

    @Test
    void deletingTheDeviceDeletesItsEvents() throws Exception {
        long device = device("switch-deleted");
        try (Connection connection = DB.connect()) {
            DeviceEvents.write(connection, List.of(NewDeviceEvent.status(device, NOW, EventSeverity.NOTICE, "up")));
        }
        DB.update("DELETE FROM client WHERE id = ?", device);
        assertEquals(0, DB.number("SELECT count(*) FROM device_event WHERE client_id = ?", device));
    }

    private static long device(String name) throws Exception {
        return DB.number("INSERT INTO client (id, name, kind, registered_at) "
                + "VALUES (nextval('client_seq'), ?, 'device', CURRENT_TIMESTAMP) RETURNING id", name);
    }
}
