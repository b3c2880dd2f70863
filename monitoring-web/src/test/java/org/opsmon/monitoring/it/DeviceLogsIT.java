package org.opsmon.monitoring.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Traps and syslog from real senders ({@code snmptrap} and {@code logger} of the operating
 * system) reach a device's events. The test container listens for syslog on 127.0.0.1:15140
 * and for traps on 127.0.0.1:11620 and re-reads device addresses every second; a device here is
 * 127.0.0.1, and 127.0.0.2 is a stranger. Each send is repeated until its event shows up,
 * because the device may be added between two reads of the addresses.
 */
class DeviceLogsIT extends DeployedApplication {

    static final int SYSLOG_PORT = 15140;
    static final int TRAP_PORT = 11620;
    static final long DEADLINE_S = 20;

    long device;
    private final List<LiveIT.Live> opened = new ArrayList<>();

    @AfterEach
    void closeLiveClients() {
        for (LiveIT.Live live : opened) {
            if (!live.socket.isOutputClosed()) {
                live.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").handle((s, e) -> null).join();
            }
        }
    }

    @BeforeEach
    void device() {
        // A device row as device management writes it, at the loopback address the senders use.
        if (Database.count("SELECT COUNT(*) FROM client WHERE name = 'loopback-switch'") == 0) {
            Database.update("INSERT INTO client (id, name, kind, registered_at) "
                    + "VALUES (nextval('client_seq'), 'loopback-switch', 'device', CURRENT_TIMESTAMP)");
            Database.update("INSERT INTO device (client_id, address, port, version, secrets, poll_interval_s, enabled, "
                    + "status, created_at, updated_at) SELECT id, '127.0.0.1', 161, 'v2c', '', 3600, FALSE, 'unknown', "
                    + "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM client WHERE name = 'loopback-switch'");
            // Enabled only after the row exists whole; polled hourly at most, it stays out of the traps' way.
            Database.update("UPDATE device SET enabled = TRUE WHERE client_id = (SELECT id FROM client WHERE name = 'loopback-switch')");
        }
        device = Database.count("SELECT id FROM client WHERE name = 'loopback-switch'");
    }

    JsonArray events(String query) {
        return events(device, query);
    }

    JsonArray events(long ofDevice, String query) {
        return api.get("/api/devices/" + ofDevice + "/events" + query, admin).expect(200).array();
    }

    /** Runs the sender until an event whose message contains {@code marker} is listed; answers it. */
    JsonObject sendUntilStored(String marker, String query, List<String> command) throws Exception {
        return sendUntilStored(marker, query, command, device);
    }

    JsonObject sendUntilStored(String marker, String query, List<String> command, long ofDevice) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_S);
        while (System.nanoTime() < deadline) {
            run(command);
            long wait = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
            while (System.nanoTime() < wait) {
                for (JsonObject event : events(ofDevice, query).getValuesAs(JsonObject.class)) {
                    if (event.getString("message").contains(marker)) {
                        return event;
                    }
                }
                Thread.sleep(100);
            }
        }
        throw new AssertionError("No event with " + marker + " within " + DEADLINE_S + " s");
    }

    static void run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("MIBS", "");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(10, TimeUnit.SECONDS), "ran " + command);
        assertEquals(0, process.exitValue(), () -> command + ": " + output);
    }

    static String marker() {
        return "m" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void syslogOverUdpAndTcpBecomesEventsOfTheDevice() throws Exception {
        String udp = marker();
        JsonObject event = sendUntilStored(udp, "?type=syslog", List.of("logger", "--server", "127.0.0.1", "--port",
                String.valueOf(SYSLOG_PORT), "--udp", "--rfc5424", "--priority", "local4.err", "--tag", "ifmgr",
                "Interface ge-0/0/1 down " + udp));
        assertEquals("syslog", event.getString("type"));
        assertEquals(device, event.getJsonNumber("device_id").longValue());
        assertEquals(3, event.getInt("severity"));
        assertEquals("error", event.getString("severity_name"));
        assertEquals(20, event.getInt("facility"));
        assertEquals("ifmgr", event.getString("app_name"));
        assertEquals("127.0.0.1", event.getString("source_address"));
        assertEquals("Interface ge-0/0/1 down " + udp, event.getString("message"));

        String tcp = marker();
        JsonObject overTcp = sendUntilStored(tcp, "?type=syslog", List.of("logger", "--server", "127.0.0.1", "--port",
                String.valueOf(SYSLOG_PORT), "--tcp", "--rfc3164", "--priority", "daemon.warning", "--tag", "bgpd",
                "neighbour lost " + tcp));
        assertEquals(4, overTcp.getInt("severity"));
        assertEquals(3, overTcp.getInt("facility"));
        assertEquals("bgpd", overTcp.getString("app_name"));
        assertEquals("neighbour lost " + tcp, overTcp.getString("message"));
    }

    /** A live client of the admin, receiving only {@code source} once this returns. */
    LiveIT.Live liveClientOf(String source) throws InterruptedException {
        LiveIT.Live live = new LiveIT.Live();
        URI uri = URI.create(base.toString().replaceFirst("^http", "ws").replaceAll("/$", "") + "/ws/live?access_token="
                + URLEncoder.encode(admin, StandardCharsets.UTF_8));
        live.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, live).join();
        opened.add(live);
        live.socket.sendText("{\"type\":\"subscribe\",\"sources\":[\"" + source + "\"]}", true).join();
        live.next(f -> "subscribed".equals(f.getString("type")), "subscribed");
        return live;
    }

    @Test
    void aSyslogLineReachesTheLiveClientsOfItsDeviceOnly() throws Exception {
        LiveIT.Live subscribed = liveClientOf("loopback-switch");
        LiveIT.Live elsewhere = liveClientOf("another-device");
        String marker = marker();
        JsonObject stored = sendUntilStored(marker, "?type=syslog", List.of("logger", "--server", "127.0.0.1", "--port",
                String.valueOf(SYSLOG_PORT), "--udp", "--rfc5424", "--priority", "local4.err", "--tag", "ifmgr",
                "live " + marker));
        JsonObject frame = subscribed.next(f -> "device_event".equals(f.getString("type"))
                && f.getJsonObject("event").getString("message").contains(marker), "device_event with " + marker);
        assertEquals("loopback-switch", frame.getString("source"));
        JsonObject event = frame.getJsonObject("event");
        assertEquals(stored.getJsonNumber("id").longValue(), event.getJsonNumber("id").longValue());
        assertEquals(device, event.getJsonNumber("device_id").longValue());
        assertEquals("syslog", event.getString("type"));
        assertEquals(3, event.getInt("severity"));
        assertEquals(20, event.getInt("facility"));
        assertEquals("ifmgr", event.getString("app_name"));
        assertEquals("127.0.0.1", event.getString("source_address"));
        assertTrue(Math.abs(frame.getJsonNumber("timestamp").doubleValue() - System.currentTimeMillis() / 1000.0) < 60,
                frame::toString);

        // Frames to one client go out in order: once the pong is in, a device_event would have been too.
        elsewhere.socket.sendText("{\"type\":\"ping\"}", true).join();
        elsewhere.next(f -> {
            assertNotEquals("device_event", f.getString("type"), () -> "not subscribed, yet got " + f);
            return "pong".equals(f.getString("type"));
        }, "pong");
    }

    @Test
    void trapsOfVersion1And2cBecomeEventsOfTheDevice() throws Exception {
        String v2 = marker();
        JsonObject linkDown = sendUntilStored(v2, "?type=trap", List.of("snmptrap", "-v", "2c", "-c", "public",
                "127.0.0.1:" + TRAP_PORT, "", "1.3.6.1.6.3.1.1.5.3", "1.3.6.1.2.1.2.2.1.1.3", "i", "3",
                "1.3.6.1.2.1.2.2.1.2.3", "s", v2));
        assertEquals("trap", linkDown.getString("type"));
        assertEquals("1.3.6.1.6.3.1.1.5.3", linkDown.getString("trap_oid"));
        assertEquals(3, linkDown.getInt("severity"));
        JsonArray variables = linkDown.getJsonArray("variables");
        assertEquals("1.3.6.1.2.1.2.2.1.1.3", variables.getJsonObject(0).getString("oid"));
        assertEquals("3", variables.getJsonObject(0).getString("value"));
        assertEquals(v2, variables.getJsonObject(1).getString("value"));

        String v1 = marker();
        JsonObject enterprise = sendUntilStored(v1, "?type=trap", List.of("snmptrap", "-v", "1", "-c", "public",
                "127.0.0.1:" + TRAP_PORT, "1.3.6.1.4.1.8072.3.2.10", "127.0.0.1", "6", "17", "",
                "1.3.6.1.4.1.8072.2.3.2.1", "s", v1));
        assertEquals("1.3.6.1.4.1.8072.3.2.10.0.17", enterprise.getString("trap_oid"));

        String inform = marker();
        sendUntilStored(inform, "?type=trap", List.of("snmpinform", "-v", "2c", "-c", "public", "-t", "1", "-r", "0",
                "127.0.0.1:" + TRAP_PORT, "", "1.3.6.1.6.3.1.1.5.4", "1.3.6.1.2.1.2.2.1.2.3", "s", inform));
    }

    @Test
    void aV3TrapOfAV3DeviceBecomesItsEventAndWrongKeysAreCounted() throws Exception {
        // A v3 device added through the API, at an address of its own so that no other device claims its traps.
        String name = "v3-switch-" + marker();
        JsonObject created = api.postJson("/api/devices", admin, "{\"name\":\"" + name + "\",\"address\":\"127.0.0.3\","
                + "\"port\":16199,\"version\":\"v3\",\"user\":\"trapper\",\"auth_protocol\":\"SHA-256\","
                + "\"auth_password\":\"trap-auth-secret\",\"priv_protocol\":\"AES\",\"priv_password\":\"trap-priv-secret\","
                + "\"poll_interval_s\":3600}").expect(201).json();
        long v3Device = created.getJsonNumber("id").longValue();
        try {
            String marker = marker();
            List<String> trap = List.of("snmptrap", "--clientaddr=127.0.0.3", "-v", "3", "-u", "trapper", "-l", "authPriv",
                    "-a", "SHA-256", "-A", "trap-auth-secret", "-x", "AES", "-X", "trap-priv-secret",
                    "-e", "0x80001f8880c0ffee0001", "127.0.0.1:" + TRAP_PORT, "", "1.3.6.1.6.3.1.1.5.3",
                    "1.3.6.1.2.1.2.2.1.2.3", "s", marker);
            JsonObject event = sendUntilStored(marker, "?type=trap", trap, v3Device);
            assertEquals("1.3.6.1.6.3.1.1.5.3", event.getString("trap_oid"));
            assertEquals(v3Device, event.getJsonNumber("device_id").longValue());
            assertEquals("127.0.0.3", event.getString("source_address"));
            assertEquals(marker, event.getJsonArray("variables").getJsonObject(0).getString("value"));

            long wrongDigests = counter("traps_v3_authentication_failed");
            long unknownUsers = counter("traps_v3_unknown_user");
            String refused = marker();
            run(List.of("snmptrap", "--clientaddr=127.0.0.3", "-v", "3", "-u", "trapper", "-l", "authPriv",
                    "-a", "SHA-256", "-A", "not-the-auth-secret", "-x", "AES", "-X", "trap-priv-secret",
                    "-e", "0x80001f8880c0ffee0002", "127.0.0.1:" + TRAP_PORT, "", "1.3.6.1.6.3.1.1.5.3",
                    "1.3.6.1.2.1.2.2.1.2.3", "s", refused));
            run(List.of("snmptrap", "--clientaddr=127.0.0.3", "-v", "3", "-u", "intruder", "-l", "authPriv",
                    "-a", "SHA-256", "-A", "trap-auth-secret", "-x", "AES", "-X", "trap-priv-secret",
                    "-e", "0x80001f8880c0ffee0003", "127.0.0.1:" + TRAP_PORT, "", "1.3.6.1.6.3.1.1.5.3",
                    "1.3.6.1.2.1.2.2.1.2.3", "s", refused));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_S);
            while ((counter("traps_v3_authentication_failed") == wrongDigests
                    || counter("traps_v3_unknown_user") == unknownUsers) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(counter("traps_v3_authentication_failed") > wrongDigests, "a wrong password counted");
            assertTrue(counter("traps_v3_unknown_user") > unknownUsers, "an unknown user counted");
            assertEquals(0, Database.count("SELECT COUNT(*) FROM device_event WHERE message LIKE ?", "%" + refused + "%"));
        } finally {
            api.delete("/api/devices/" + v3Device, admin).expect(204);
        }
    }

    @Test
    void unknownSendersAreCountedNotStored() throws Exception {
        long before = counter("syslog_unknown_sender");
        long trapsBefore = counter("traps_unknown_sender");
        String stranger = marker();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.2", 0))) {
            byte[] line = ("<11>1 - stranger app - - - " + stranger).getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(line, line.length, InetAddress.getByName("127.0.0.1"), SYSLOG_PORT));
        }
        run(List.of("snmptrap", "--clientaddr=127.0.0.2", "-v", "2c", "-c", "public", "127.0.0.1:" + TRAP_PORT, "",
                "1.3.6.1.6.3.1.1.5.1", "1.3.6.1.2.1.1.5.0", "s", stranger));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_S);
        while ((counter("syslog_unknown_sender") == before || counter("traps_unknown_sender") == trapsBefore)
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(counter("syslog_unknown_sender") > before, "syslog stranger counted");
        assertTrue(counter("traps_unknown_sender") > trapsBefore, "trap stranger counted");
        assertEquals(0, Database.count("SELECT COUNT(*) FROM device_event WHERE message LIKE ?", "%" + stranger + "%"));
        JsonObject status = api.get("/api/monitor/device-logs", admin).expect(200).json();
        assertTrue(status.getBoolean("syslog_listening"));
        assertTrue(status.getBoolean("traps_listening"));
    }

    long counter(String name) {
        return api.get("/api/monitor/device-logs", admin).expect(200).json().getJsonObject("counters")
                .getJsonNumber(name).longValue();
    }

    @Test
    void theListingFiltersLimitsAndRefusesBadInput() throws Exception {
        List<String> markers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String m = marker();
            markers.add(m);
            sendUntilStored(m, "?type=syslog&limit=50", List.of("logger", "--server", "127.0.0.1", "--port",
                    String.valueOf(SYSLOG_PORT), "--udp", "--rfc5424", "--priority", i == 0 ? "user.crit" : "user.debug",
                    "filter " + m));
        }
        JsonArray newest = events("?type=syslog&limit=1");
        assertEquals(1, newest.size());
        assertTrue(newest.getJsonObject(0).getString("message").contains(markers.get(2)), "newest first");
        for (JsonObject e : events("?min_severity=2&limit=50").getValuesAs(JsonObject.class)) {
            assertTrue(e.getInt("severity") <= 2, "severity " + e);
        }
        assertTrue(events("?min_severity=critical&limit=50").getValuesAs(JsonObject.class).stream()
                .anyMatch(e -> e.getString("message").contains(markers.get(0))));
        assertTrue(events("?min_severity=critical&limit=50").getValuesAs(JsonObject.class).stream()
                .noneMatch(e -> e.getString("message").contains(markers.get(1))));
        for (JsonObject e : events("?type=trap&limit=50").getValuesAs(JsonObject.class)) {
            assertEquals("trap", e.getString("type"));
        }
        assertEquals(0, events("?to=1000").size());
        assertTrue(events("?from=" + (System.currentTimeMillis() / 1000 - 3600)).size() >= 3);

        String base = "/api/devices/" + device + "/events";
        assertEquals("invalid_type", api.get(base + "?type=alarm", admin).expect(400).error());
        assertEquals("invalid_min_severity", api.get(base + "?min_severity=8", admin).expect(400).error());
        assertEquals("invalid_limit", api.get(base + "?limit=0", admin).expect(400).error());
        assertEquals("limit_too_large", api.get(base + "?limit=51", admin).expect(400).error());
        assertEquals("invalid_range", api.get(base + "?from=2000&to=1000", admin).expect(400).error());
        api.get(base + "?from=yesterday", admin).expect(400);
        api.get("/api/devices/999999999/events", admin).expect(404);
        api.get("/api/devices/abc/events", admin).expect(404);
        api.get(base, null).expect(401);
    }
}
