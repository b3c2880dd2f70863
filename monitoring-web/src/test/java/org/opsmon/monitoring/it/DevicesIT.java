package org.opsmon.monitoring.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Network devices end to end against a real snmpd on loopback: the API (validation, 409s,
 * secrets never echoed, roles), discovery, polls that turn loopback traffic into a positive
 * {@code if.in_bps}, and reachability: stopping snmpd makes the device offline and fires the
 * "Device unreachable" rule, starting it brings the device back. The test container allows poll
 * intervals of 1 s, with a 500 ms timeout and no retry.
 */
class DevicesIT extends DeployedApplication {

    @RegisterExtension
    static final SnmpAgent AGENT = new SnmpAgent();

    static final long DEADLINE_S = 30;
    static final String SECRET_AUTH = SnmpAgent.PRIV_AUTH_PASSWORD;
    static final String SECRET_PRIV = SnmpAgent.PRIV_PRIV_PASSWORD;

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    String v3Body(String name, int interval) {
        return "{\"name\":\"" + name + "\",\"address\":\"127.0.0.1\",\"port\":" + AGENT.port() + ",\"version\":\"v3\","
                + "\"user\":\"" + SnmpAgent.PRIV_USER + "\",\"auth_protocol\":\"SHA-256\",\"auth_password\":\""
                + SECRET_AUTH + "\",\"priv_protocol\":\"AES\",\"priv_password\":\"" + SECRET_PRIV
                + "\",\"poll_interval_s\":" + interval + "}";
    }

    String v2cBody(String name, String community, int interval) {
        return "{\"name\":\"" + name + "\",\"address\":\"127.0.0.1\",\"port\":" + AGENT.port()
                + ",\"version\":\"v2c\",\"community\":\"" + community + "\",\"poll_interval_s\":" + interval + "}";
    }

    JsonObject awaitDevice(long id, Predicate<JsonObject> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_S);
        JsonObject device = null;
        while (System.nanoTime() < deadline) {
            device = api.get("/api/devices/" + id, admin).expect(200).json();
            if (condition.test(device)) {
                return device;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Device " + id + " never " + what + " within " + DEADLINE_S + " s: " + device);
    }

    static JsonObject loopback(JsonObject device) {
        return device.getJsonArray("interfaces").getValuesAs(JsonObject.class).stream()
                .filter(i -> "lo".equals(i.getString("name"))).findFirst().orElseThrow();
    }

    @Test
    void anAdminAddsAV3DeviceWhichIsDiscoveredWithoutEverEchoingItsSecrets() {
        String name = unique("switch");
        var reply = api.postJson("/api/devices", admin, v3Body(name, 60)).expect(201);
        assertFalse(reply.body().contains(SECRET_AUTH) || reply.body().contains(SECRET_PRIV), reply.body());
        JsonObject device = reply.json();
        assertTrue(device.getJsonObject("discovery").getBoolean("ok"), device.toString());
        assertEquals("snmpd-fixture", device.getJsonObject("system").getString("name"));
        assertEquals("Test rack 7", device.getJsonObject("system").getString("location"));
        assertEquals("up", loopback(device).getString("oper_status"));
        long id = device.getJsonNumber("id").longValue();
        String list = api.get("/api/devices", admin).expect(200).body();
        assertTrue(list.contains(name));
        assertFalse(list.contains(SECRET_AUTH) || list.contains(SECRET_PRIV));
        // A change without the secrets keeps them: the device still answers.
        JsonObject changed = api.send("PUT", "/api/devices/" + id, admin, "application/json",
                "{\"poll_interval_s\":120}".getBytes()).expect(200).json();
        assertEquals(120, changed.getInt("poll_interval_s"));
        JsonObject again = api.postJson("/api/devices/" + id + "/rediscover", admin, "").expect(200).json();
        assertTrue(again.getBoolean("ok"), again.toString());
        // A device is a client: its name is taken for agents too, and device names for it.
        assertEquals("name_taken", api.postJson("/api/devices", admin, v3Body(name, 60)).expect(409).error());
        api.delete("/api/devices/" + id, admin).expect(204);
        api.get("/api/devices/" + id, admin).expect(404);
        api.get("/api/clients/" + id + "/time", admin).expect(404);
    }

    @Test
    void badInputIsAClear400AndChangesNothing() {
        int before = api.get("/api/devices", admin).expect(200).array().size();
        String name = unique("bad");
        String base = "\"name\":\"" + name + "\",\"port\":" + AGENT.port();
        assertEquals("invalid_address", api.postJson("/api/devices", admin, "{" + base
                + ",\"address\":\"300.1.1.1\",\"version\":\"v2c\",\"community\":\"public\"}").expect(400).error());
        assertEquals("invalid_address", api.postJson("/api/devices", admin, "{" + base
                + ",\"address\":\"host name\",\"version\":\"v2c\",\"community\":\"public\"}").expect(400).error());
        assertEquals("invalid_version", api.postJson("/api/devices", admin, "{" + base
                + ",\"address\":\"127.0.0.1\",\"version\":\"v4\",\"community\":\"public\"}").expect(400).error());
        assertEquals("invalid_community", api.postJson("/api/devices", admin, "{" + base
                + ",\"address\":\"127.0.0.1\",\"version\":\"v2c\"}").expect(400).error());
        assertEquals("invalid_auth_protocol", api.postJson("/api/devices", admin, "{" + base
                + ",\"address\":\"::1\",\"version\":\"v3\",\"user\":\"u\",\"auth_protocol\":\"MD5\","
                + "\"auth_password\":\"12345678\"}").expect(400).error());
        assertEquals("unsupported_security_level", api.postJson("/api/devices", admin, "{" + base
                + ",\"address\":\"::1\",\"version\":\"v3\",\"user\":\"u\",\"priv_protocol\":\"AES\","
                + "\"priv_password\":\"12345678\"}").expect(400).error());
        assertEquals("invalid_auth_password", api.postJson("/api/devices", admin, "{" + base
                + ",\"address\":\"::1\",\"version\":\"v3\",\"user\":\"u\",\"auth_protocol\":\"SHA\","
                + "\"auth_password\":\"short\"}").expect(400).error());
        assertEquals("poll_interval_limit", api.postJson("/api/devices", admin, "{" + base
                + ",\"address\":\"127.0.0.1\",\"version\":\"v2c\",\"community\":\"public\",\"poll_interval_s\":0}")
                .expect(400).error());
        assertEquals("invalid_port", api.postJson("/api/devices", admin, "{\"name\":\"" + name + "\",\"port\":70000"
                + ",\"address\":\"127.0.0.1\",\"version\":\"v2c\",\"community\":\"public\"}").expect(400).error());
        assertEquals("invalid_port", api.postJson("/api/devices", admin, "{\"name\":\"" + name + "\",\"port\":\"161\""
                + ",\"address\":\"127.0.0.1\",\"version\":\"v2c\",\"community\":\"public\"}").expect(400).error());
        assertEquals("unknown_member", api.postJson("/api/devices", admin, "{" + base
                + ",\"address\":\"127.0.0.1\",\"version\":\"v2c\",\"community\":\"public\",\"colour\":1}")
                .expect(400).error());
        assertEquals("invalid_username", api.postJson("/api/devices", admin, "{\"name\":\"a b\",\"port\":161"
                + ",\"address\":\"127.0.0.1\",\"version\":\"v2c\",\"community\":\"public\"}").expect(400).error());
        api.postJson("/api/devices", admin, "[1]").expect(400);
        assertEquals(before, api.get("/api/devices", admin).expect(200).array().size());
        // A name an agent holds is taken.
        Api.Agent agent = api.newAgent(admin, "agent");
        assertEquals("name_taken", api.postJson("/api/devices", admin, v2cBody(agent.name(), "public", 60))
                .expect(409).error());
        // Agents may not read or write devices.
        api.get("/api/devices", agent.token()).expect(403);
        api.postJson("/api/devices", agent.token(), v2cBody(unique("x"), "public", 60)).expect(403);
    }

    @Test
    void testConnectionStoresNothingAndSaysWhyItFailed() {
        int before = api.get("/api/devices", admin).expect(200).array().size();
        JsonObject good = api.postJson("/api/devices/test", admin, v3Body(unique("t"), 60)).expect(200).json();
        assertTrue(good.getBoolean("ok"), good.toString());
        assertTrue(good.getJsonArray("interfaces").size() >= 1);
        JsonObject community = api.postJson("/api/devices/test", admin, v2cBody(unique("t"), "wrong", 60))
                .expect(200).json();
        assertEquals("timeout", community.getString("reason"));
        assertTrue(community.getString("message").contains("wrong community or unreachable"));
        JsonObject digest = api.postJson("/api/devices/test", admin, v3Body(unique("t"), 60)
                .replace(SECRET_AUTH, "not-the-password")).expect(200).json();
        assertEquals("authentication_failure", digest.getString("reason"), digest.toString());
        assertFalse(digest.toString().contains("not-the-password"));
        JsonObject user = api.postJson("/api/devices/test", admin, v3Body(unique("t"), 60)
                .replace("\"user\":\"" + SnmpAgent.PRIV_USER + "\"", "\"user\":\"nobody\"")).expect(200).json();
        assertEquals("unknown_user", user.getString("reason"), user.toString());
        assertEquals(before, api.get("/api/devices", admin).expect(200).array().size());
    }

    @Test
    void loopbackTrafficIsARateAndAStoppedAgentMakesTheDeviceOfflineAndFiresTheUnreachableAlert() throws Exception {
        String name = unique("router");
        long id = api.postJson("/api/devices", admin, v2cBody(name, "public", 1)).expect(201).json()
                .getJsonNumber("id").longValue();
        JsonObject online = awaitDevice(id, d -> "online".equals(d.getString("status")), "online");
        assertNotNull(online.getString("last_seen"));
        JsonObject rated = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_S);
        while (System.nanoTime() < deadline) {
            loopbackTraffic();
            JsonObject lo = loopback(api.get("/api/devices/" + id, admin).expect(200).json());
            if (lo.get("in_bps") != JsonValue.NULL && lo.getJsonNumber("in_bps").doubleValue() > 0) {
                rated = lo;
                break;
            }
            Thread.sleep(200);
        }
        assertNotNull(rated, "lo never showed a positive in_bps");
        // The same rate is history of the device's client, like any series.
        JsonObject series = api.get("/api/clients/" + id + "/series?metric=if.in_bps", admin).expect(200).json();
        assertTrue(series.toString().contains("lo"), series.toString());

        AGENT.stop();
        try {
            JsonObject offline = awaitDevice(id, d -> "offline".equals(d.getString("status")), "offline");
            assertTrue(offline.getString("last_error").contains("No answer"), offline.toString());
            awaitAlert(name, a -> a.getString("metric").equals("device.reachable")
                    && a.getString("state").equals("firing") && a.getString("level").equals("CRITICAL"));
        } finally {
            AGENT.start();
        }
        awaitDevice(id, d -> "online".equals(d.getString("status")), "online again");
        awaitAlert(name, a -> a.getString("metric").equals("device.reachable") && a.getString("state").equals("resolved"));
        // The poller's own account: answered polls read counters, the stopped agent's polls timed out.
        JsonObject polling = api.get("/api/monitor/polling?window_s=600", admin).expect(200).json();
        assertTrue(polling.getJsonNumber("answered").longValue() >= 2, polling.toString());
        assertTrue(polling.getJsonNumber("counters").longValue() > 0, polling.toString());
        assertTrue(polling.getJsonObject("failures").getJsonNumber("timeout").longValue() >= 1, polling.toString());
        double p50 = polling.getJsonNumber("p_50_ms").doubleValue();
        double p99 = polling.getJsonNumber("p_99_ms").doubleValue();
        assertTrue(p50 > 0 && p50 <= p99 && p99 <= polling.getJsonNumber("max_ms").doubleValue(), polling.toString());
        assertTrue(polling.getJsonNumber("polls_started").longValue() >= polling.getJsonNumber("polls").longValue());
        assertEquals("invalid_window", api.get("/api/monitor/polling?window_s=0", admin).expect(400).error());
        assertEquals("invalid_window", api.get("/api/monitor/polling?window_s=abc", admin).expect(400).error());
        // Both changes are in the device's event log, newest first, beside its traps and syslog.
        JsonArray status = api.get("/api/devices/" + id + "/events?type=status", admin).expect(200).array();
        List<String> messages = status.getValuesAs(JsonObject.class).stream().map(e -> e.getString("message")).toList();
        int offlineAt = indexOf(messages, " is offline");
        int onlineAgainAt = indexOf(messages, " is online");
        assertTrue(offlineAt > 0 && onlineAgainAt == 0, "status events " + status);
        api.delete("/api/devices/" + id, admin).expect(204);
    }

    private static int indexOf(List<String> messages, String part) {
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).contains(part)) {
                return i;
            }
        }
        return -1;
    }

    void awaitAlert(String source, Predicate<JsonObject> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_S);
        JsonArray seen = null;
        while (System.nanoTime() < deadline) {
            seen = api.get("/api/alerts?source=" + source, admin).expect(200).array();
            if (seen.getValuesAs(JsonObject.class).stream().anyMatch(condition)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("No alert of " + source + " as expected within " + DEADLINE_S + " s: " + seen);
    }

    private static void loopbackTraffic() throws Exception {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        byte[] body = new byte[128 * 1024];
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"))
                    .build(), HttpResponse.BodyHandlers.discarding());
        } finally {
            server.stop(0);
        }
    }
}
