package org.opsmon.monitoring.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.WebSocket;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Snapshots in, history out: the contract agents and dashboards rely on. Long because every
 * Arquillian test class starts a server of its own: the ingest cases share this one.
 */
class IngestIT extends DeployedApplication {

    static String rich(long time, long seq, double cpu, long bytesRecv, long bootTime) {
        return """
                {"timestamp": %d, "seq": %d,
                 "processor": {"usage_percent": %s, "per_core_usage": [10.5, 20.5], "core_count": 2, "logical_count": 4,
                               "frequency_current": 2400, "frequency_max": 3600, "load_1": 0.5, "load_5": 0.4, "load_15": 0.3},
                 "memory": {"total": 8589934592, "available": 4294967296, "used": 4294967296, "percentage": 50,
                            "swap_total": 1073741824, "swap_used": 0},
                 "disk": [{"path": "/", "device": "/dev/sda1", "fs_type": "ext4", "total": 1000000000,
                           "used": 250000000, "free": 750000000, "percentage": 25},
                          {"path": "/var", "device": "/dev/sda2", "fs_type": "xfs", "total": 1000000000,
                           "used": 750000000, "free": 250000000, "percentage": 75}],
                 "disk_io": [{"device": "sda", "read_bytes": %d, "write_bytes": 1000, "reads": 10, "writes": 5}],
                 "network": [{"interface": "eth0", "bytes_sent": 5000, "bytes_recv": %d, "packets_sent": 5,
                              "packets_recv": 9, "errors_in": 0, "errors_out": 0, "drops_in": 0, "drops_out": 0}],
                 "gpu": {"count": 1, "gpus": [{"id": 0, "name": "Tesla T4", "driver_version": "535.1",
                         "memory_total": 16000000000, "memory_used": 4000000000, "memory_reserved": 500000000,
                         "gpu_usage_percent": 30, "temperature": 55, "power_draw": 30.5, "power_limit": 70}]},
                 "system": {"hostname": "web-01", "os_name": "Debian", "os_version": "12", "architecture": "amd64",
                            "boot_time": %d, "processes": 180, "users": 2},
                 "commands": [{"user": "alice", "command": "systemctl restart nginx", "started_at": %d, "pid": 4242,
                               "source": "process"}],
                 "collectors": [{"name": "cpu", "success": true, "duration_ms": 3}],
                 "agent": {"version": "1.0", "spool_bytes": 4096, "spool_corrupt": 1, "commands_truncated": 2,
                           "dead_lettered": 3}}
                """.formatted(time, seq, cpu, bytesRecv, bytesRecv, bootTime, time);
    }

    @Test
    void flatSnapshotIsStoredAndReported() {
        Api.Agent agent = api.newAgent(admin, "flat");
        long now = Instant.now().getEpochSecond() - 30;
        JsonObject stored = api.postJson("/api/clients/" + agent.clientId() + "/metrics", agent.token(),
                "{\"cpu_load\":25.9,\"mem\":6172,\"storage\":95888,\"time\":" + now + "}").expect(200).json();
        assertEquals(Json.createObjectBuilder().add("client_id", agent.clientId()).add("accepted", 1)
                .add("duplicates", 0).add("samples", 3).add("seqs", JsonValue.EMPTY_JSON_ARRAY).build(), stored);

        JsonObject time = api.get("/api/clients/" + agent.clientId() + "/time", agent.token()).expect(200).json();
        assertEquals(now, time.getJsonNumber("start").longValue());
        assertEquals(now, time.getJsonNumber("end").longValue());

        JsonArray payload = api.get("/api/clients/" + agent.clientId() + "/time/report?start=" + (now - 1) + "&end="
                + (now + 1), agent.token()).expect(200).json().getJsonArray("payload");
        assertEquals(1, payload.size());
        JsonObject row = payload.getJsonObject(0);
        assertEquals(now, row.getJsonNumber("unix_time").longValue());
        assertEquals(25.9, row.getJsonNumber("cpu").doubleValue(), 1e-9);
        assertEquals(6172.0, row.getJsonNumber("mem").doubleValue(), 1e-9);
        assertEquals(95888.0, row.getJsonNumber("storage").doubleValue(), 1e-9);

        Api.Reply csv = api.get("/api/clients/" + agent.name() + "/time/report?start=" + (now - 1), agent.token(), "text/csv")
                .expect(200);
        assertTrue(csv.header("Content-Type").startsWith("text/csv"));
        List<String> lines = csv.body().lines().toList();
        assertEquals("unix_time,cpu,mem,storage,mem_percent,storage_percent,swap_used,load_1", lines.get(0));
        assertEquals(now + ",25.9,6172.0,95888.0,,,,", lines.get(1));
    }

    @Test
    void richSnapshotsBecomeSeriesWithRates() {
        Api.Agent agent = api.newAgent(admin, "rich");
        long t0 = Instant.now().getEpochSecond() - 120;
        String path = "/api/clients/" + agent.clientId() + "/metrics";
        api.postJson(path, agent.token(), rich(t0, 1, 10, 1_000, 1_700_000_000)).expect(200);
        JsonObject second = api.postJson(path, agent.token(),
                "[" + rich(t0 + 10, 2, 20, 11_000, 1_700_000_000) + "," + rich(t0 + 20, 3, 30, 31_000, 1_700_000_000) + "]")
                .expect(200).json();
        assertEquals(2, second.getInt("accepted"));
        assertEquals(List.of(2, 3), second.getJsonArray("seqs").getValuesAs(JsonNumber::intValue));

        JsonObject rate = api.get("/api/clients/" + agent.clientId() + "/series?metric=network.bytes_recv_per_s"
                + "&label.interface=eth0&start=" + (t0 - 5) + "&end=" + (t0 + 25) + "&step=10", agent.token())
                .expect(200).json();
        JsonArray points = rate.getJsonArray("series").getJsonObject(0).getJsonArray("points");
        assertEquals(2, points.size(), points.toString());
        assertEquals(1000.0, points.getJsonObject(0).getJsonNumber("avg").doubleValue(), 1e-9);
        assertEquals(2000.0, points.getJsonObject(1).getJsonNumber("avg").doubleValue(), 1e-9);

        JsonArray cores = api.get("/api/clients/" + agent.clientId() + "/series?metric=processor.per_core_usage&start="
                + (t0 - 5) + "&end=" + (t0 + 25), agent.token()).expect(200).json().getJsonArray("series");
        assertEquals(2, cores.size());
        assertEquals("0", cores.getJsonObject(0).getJsonObject("labels").getString("core"));

        JsonObject disk = api.get("/api/clients/" + agent.clientId() + "/series?metric=disk.percentage&label.path=/var"
                + "&start=" + (t0 - 5) + "&end=" + (t0 + 25) + "&step=60", admin).expect(200).json();
        JsonArray varPoints = disk.getJsonArray("series").getJsonObject(0).getJsonArray("points");
        assertEquals(3, varPoints.stream().mapToInt(p -> p.asJsonObject().getInt("count")).sum());
        assertEquals(75.0, varPoints.stream().mapToDouble(p -> p.asJsonObject().getJsonNumber("max").doubleValue())
                .max().orElse(0), 1e-9);

        JsonObject metrics = api.get("/api/clients/" + agent.clientId() + "/metrics", agent.token()).expect(200).json();
        assertEquals(agent.clientId(), metrics.getJsonNumber("client_id").longValue());
        List<String> names = metrics.getJsonArray("metrics").getValuesAs(JsonString::getString);
        for (String name : List.of("gpu.memory_used", "gpu.memory_reserved", "gpu.memory_percentage",
                "disk_io.read_bytes_per_s", "storage.percentage", "agent.spool_corrupt", "agent.commands_truncated",
                "agent.dead_lettered")) {
            assertTrue(names.contains(name), name + " missing from " + names);
        }
        assertEquals(3.0, api.get("/api/clients/" + agent.clientId() + "/series?metric=agent.dead_lettered&start="
                + (t0 - 5) + "&end=" + (t0 + 25) + "&step=60", agent.token()).expect(200).json().getJsonArray("series")
                .getJsonObject(0).getJsonArray("points").getJsonObject(0).getJsonNumber("max").doubleValue(), 1e-9);

        JsonObject report = api.get("/api/clients/" + agent.clientId() + "/time/report?start=" + (t0 - 5),
                agent.token()).expect(200).json().getJsonArray("payload").getJsonObject(2);
        assertEquals(30.0, report.getJsonNumber("cpu").doubleValue(), 1e-9);
        assertEquals(4096.0, report.getJsonNumber("mem").doubleValue(), 1e-9);
        assertEquals(50.0, report.getJsonNumber("storage_percent").doubleValue(), 1e-9);

        JsonObject latest = api.get("/api/clients/" + agent.clientId() + "/latest", agent.token()).expect(200).json();
        assertEquals(t0 + 20, latest.getJsonNumber("timestamp").longValue());
        assertEquals(3, latest.getJsonObject("snapshot").getInt("seq"));
        assertEquals("Tesla T4", latest.getJsonObject("snapshot").getJsonObject("gpu").getJsonArray("gpus")
                .getJsonObject(0).getString("name"));

        JsonArray commands = api.get("/api/clients/" + agent.clientId() + "/commands?start=" + (t0 - 5) + "&user=alice",
                agent.token()).expect(200).array();
        assertEquals(3, commands.size());
        assertEquals("systemctl restart nginx", commands.getJsonObject(0).getString("command"));
        assertEquals(4242, commands.getJsonObject(0).getInt("pid"));
        assertEquals(0, api.get("/api/clients/" + agent.clientId() + "/commands?start=" + (t0 - 5) + "&user=bob",
                agent.token()).expect(200).array().size());
    }

    @Test
    void counterResetAndRebootGiveNoSpike() {
        Api.Agent agent = api.newAgent(admin, "reboot");
        long t0 = Instant.now().getEpochSecond() - 100;
        String path = "/api/clients/" + agent.clientId() + "/metrics";
        api.postJson(path, agent.token(), rich(t0, 1, 10, 1_000_000, 1_700_000_000)).expect(200);
        // Host rebooted: counters start again near zero and boot_time moves.
        api.postJson(path, agent.token(), rich(t0 + 10, 2, 10, 5_000, 1_800_000_000)).expect(200);
        api.postJson(path, agent.token(), rich(t0 + 20, 3, 10, 15_000, 1_800_000_000)).expect(200);
        JsonArray points = api.get("/api/clients/" + agent.clientId() + "/series?metric=network.bytes_recv_per_s&start="
                + (t0 - 5) + "&end=" + (t0 + 25) + "&step=1", agent.token()).expect(200).json().getJsonArray("series")
                .getJsonObject(0).getJsonArray("points");
        assertEquals(1, points.size(), points.toString());
        assertEquals(t0 + 20, points.getJsonObject(0).getJsonNumber("time").longValue());
        assertEquals(1000.0, points.getJsonObject(0).getJsonNumber("avg").doubleValue(), 1e-9);
    }

    @Test
    void resentSequenceNumbersAreStoredOnce() {
        Api.Agent agent = api.newAgent(admin, "seq");
        long t0 = Instant.now().getEpochSecond() - 60;
        String path = "/api/clients/" + agent.clientId() + "/metrics";
        api.postJson(path, agent.token(), rich(t0, 7, 10, 1_000, 1_700_000_000)).expect(200);
        long stored = Database.samplesOf(agent.clientId());
        JsonObject again = api.postJson(path, agent.token(), "[" + rich(t0, 7, 10, 1_000, 1_700_000_000) + ","
                + rich(t0 + 10, 8, 10, 2_000, 1_700_000_000) + "]").expect(200).json();
        assertEquals(1, again.getInt("accepted"));
        assertEquals(1, again.getInt("duplicates"));
        api.postJson(path, agent.token(), rich(t0 + 10, 8, 10, 2_000, 1_700_000_000)).expect(200);
        assertTrue(Database.samplesOf(agent.clientId()) > stored);
        assertEquals(2, Database.count("SELECT COUNT(*) FROM ingested_snapshot WHERE client_id = ?", agent.clientId()));
        assertEquals(2, Database.count("SELECT COUNT(*) FROM command_event WHERE client_id = ?", agent.clientId()));
        assertEquals(2, Database.count("SELECT COUNT(*) FROM sample s JOIN series r ON r.id = s.series_id "
                + "WHERE r.client_id = ? AND r.metric = 'processor.usage_percent'", agent.clientId()));
    }

    @Test
    void badSnapshotsAreRejectedPreciselyAndStoreNothing() {
        Api.Agent agent = api.newAgent(admin, "bad");
        String path = "/api/clients/" + agent.clientId() + "/metrics";
        long now = Instant.now().getEpochSecond();
        String good = rich(now - 10, 1, 10, 1_000, 1_700_000_000);
        record Case(String body, int status, String code, String message) {
        }
        List<Case> cases = List.of(
                new Case("{\"cpu_load\": 25", 400, "invalid_json", "not valid JSON"),
                new Case("{\"cpu_load\": NaN}", 400, "invalid_json", "not valid JSON"),
                new Case("{\"cpu_load\": Infinity}", 400, "invalid_json", "not valid JSON"),
                new Case("", 400, "invalid_json", "empty"),
                new Case("\"text\"", 400, "invalid_snapshot", "snapshot object or an array"),
                new Case("[]", 400, "invalid_snapshot", "no snapshot"),
                new Case("{\"cpu_load\": \"high\"}", 400, "invalid_snapshot", "cpu_load: must be a number, got a string"),
                new Case("{\"cpu_load\": 140}", 400, "invalid_snapshot", "cpu_load: must be between 0 and 100, got 140"),
                new Case("{\"mem\": -5}", 400, "invalid_snapshot", "mem: must not be negative"),
                new Case("{\"cpu_load\": 5, \"time\": " + (now + 3600) + "}", 400, "invalid_snapshot", "in the future"),
                new Case("{\"cpu_load\": 5, \"time\": " + (now * 1000) + "}", 400, "invalid_snapshot", "in the future"),
                new Case("{\"processor\": {\"per_core_usage\": [5, 101]}}", 400, "invalid_snapshot",
                        "processor.per_core_usage[1]: must be between 0 and 100"),
                new Case("{\"disk\": [{\"path\": \"/\", \"total\": 10, \"used\": 20}]}", 400, "invalid_snapshot",
                        "disk[0].used: is larger than total"),
                new Case("{\"network\": [{\"bytes_recv\": 5}]}", 400, "invalid_snapshot", "network[0].interface: is required"),
                new Case("{\"processor\": {\"core_count\": 2.5}}", 400, "invalid_snapshot", "must be a whole number"),
                new Case("{\"memory\": \"lots\"}", 400, "invalid_snapshot", "memory: must be an object"),
                new Case("{\"hello\": 1}", 400, "invalid_snapshot", "carries no known metric"),
                new Case("{\"cpu_load\": 5, \"processor\": {\"usage_percent\": 5}}", 400, "invalid_snapshot",
                        "mixes the flat form (cpu_load) with the rich form (processor)"),
                new Case("{\"gpu\": {\"gpus\": [{\"id\": 0, \"memory_total\": 10, \"memory_reserved\": 11}]}}", 400,
                        "invalid_snapshot", "gpu.gpus[0].memory_reserved: is larger than memory_total"),
                new Case("[" + good + ", {\"cpu_load\": 500}]", 400, "invalid_snapshot", "[1].cpu_load"));
        for (Case c : cases) {
            Api.Reply reply = api.postJson(path, agent.token(), c.body());
            assertEquals(c.status(), reply.status(), () -> c.body() + " -> " + reply.body());
            assertEquals(c.code(), reply.error(), reply.body());
            assertTrue(reply.json().getString("message").contains(c.message()), reply.body());
        }
        assertEquals(0, Database.samplesOf(agent.clientId()), "a rejected request stores nothing");
        assertEquals(0, Database.count("SELECT COUNT(*) FROM ingested_snapshot WHERE client_id = ?", agent.clientId()));

        assertEquals("payload_too_large", api.postJson(path, agent.token(), " ".repeat(1024 * 1024 + 1))
                .expect(413).error());
        assertEquals("unsupported_media_type", api.send(api.request(path, agent.token())
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{}"))).expect(415).error());
        assertEquals("not_found", api.postJson("/api/clients/no-such-client/metrics", admin, good).expect(404).error());
        assertEquals(0, Database.samplesOf(agent.clientId()));
    }

    @Test
    void badQueriesGetClearErrors() {
        Api.Agent agent = api.newAgent(admin, "query");
        String base = "/api/clients/" + agent.clientId();
        assertEquals("invalid_request", api.get(base + "/series", agent.token()).expect(400).error());
        assertEquals("invalid_time", api.get(base + "/series?metric=x&start=yesterday", agent.token()).expect(400).error());
        assertEquals("invalid_range", api.get(base + "/series?metric=x&start=2000&end=1000", agent.token()).expect(400).error());
        assertEquals("invalid_step", api.get(base + "/series?metric=x&step=0", agent.token()).expect(400).error());
        assertEquals("too_many_points", api.get(base + "/series?metric=x&start=0&end=1000000&step=1", agent.token())
                .expect(400).error());
        assertEquals("invalid_time", api.get(base + "/time/report?start=abc", agent.token()).expect(400).error());
        assertEquals("invalid_limit", api.get(base + "/commands?limit=0", agent.token()).expect(400).error());
        assertEquals("no_data", api.get(base + "/latest", agent.token()).expect(404).error());
        JsonObject empty = api.get(base + "/time", agent.token()).expect(200).json();
        assertTrue(empty.isNull("start") && empty.isNull("end"));
        assertEquals(0, api.get(base + "/series?metric=nothing.here", agent.token()).expect(200).json()
                .getJsonArray("series").size());
    }

    /** A snapshot of the CPU, eth0 and {@code count} interfaces named anew, 8 counters each. */
    static String flood(long time, long seq, int count) {
        StringBuilder network = new StringBuilder("{\"interface\": \"eth0\", \"bytes_recv\": 2000}");
        for (int i = 0; i < count; i++) {
            network.append(", {\"interface\": \"veth-").append(seq).append('-').append(i).append("\", \"bytes_sent\": 1, "
                    + "\"bytes_recv\": 2, \"packets_sent\": 3, \"packets_recv\": 4, \"errors_in\": 0, \"errors_out\": 0, "
                    + "\"drops_in\": 0, \"drops_out\": 0}");
        }
        return "{\"timestamp\": " + time + ", \"seq\": " + seq + ", \"processor\": {\"usage_percent\": 42}, "
                + "\"network\": [" + network + "]}";
    }

    @Test
    void aFloodOfNewSeriesIsCutOffWhileExistingSeriesAndOtherClientsGoOnStoring() {
        Api.Agent flooder = api.newAgent(admin, "flooder");
        Api.Agent neighbour = api.newAgent(admin, "neighbour");
        long t0 = Instant.now().getEpochSecond() - 120;
        String path = "/api/clients/" + flooder.clientId() + "/metrics";
        api.postJson(path, flooder.token(), rich(t0, 1, 10, 1_000, 1_700_000_000)).expect(200);
        long before = api.get("/api/clients/" + flooder.clientId(), admin).expect(200).json().getJsonNumber("series")
                .longValue();
        assertTrue(before > 50, "a rich snapshot makes dozens of series: " + before);

        // 3,000 new interfaces: 24,000 counters and their rates, far beyond 5,000 new series a minute.
        JsonObject flooded = api.postJson(path, flooder.token(), flood(t0 + 10, 2, 3_000)).expect(200).json();
        assertEquals(1, flooded.getInt("accepted"));
        assertEquals("new_series_limit", flooded.getString("limit"));
        assertTrue(flooded.getString("message").contains("at most 5000 new series"), flooded.getString("message"));
        int dropped = flooded.getInt("series_dropped");
        assertTrue(dropped >= 48_000 - 5_000, "dropped " + dropped);

        String window = "&start=" + (t0 - 5) + "&end=" + (t0 + 15) + "&step=10";
        JsonArray cpu = api.get("/api/clients/" + flooder.clientId() + "/series?metric=processor.usage_percent" + window,
                flooder.token()).expect(200).json().getJsonArray("series").getJsonObject(0).getJsonArray("points");
        assertEquals(42.0, cpu.getJsonObject(1).getJsonNumber("avg").doubleValue(), 1e-9, "existing series still store");
        JsonArray rate = api.get("/api/clients/" + flooder.clientId() + "/series?metric=network.bytes_recv_per_s"
                + "&label.interface=eth0" + window, flooder.token()).expect(200).json().getJsonArray("series")
                .getJsonObject(0).getJsonArray("points");
        assertEquals(100.0, rate.getJsonObject(rate.size() - 1).getJsonNumber("avg").doubleValue(), 1e-9);

        api.postJson("/api/users", admin, "{\"username\":\"watcher-" + flooder.clientId()
                + "\",\"password\":\"watcher-secret-1\",\"role\":\"viewer\"}").expect(201);
        String viewer = api.token("watcher-" + flooder.clientId(), "watcher-secret-1");
        JsonObject counted = api.get("/api/clients/" + flooder.name(), viewer).expect(200).json();
        assertEquals(dropped, counted.getJsonNumber("series_dropped").longValue());
        assertEquals(before + 48_000, counted.getJsonNumber("series").longValue() + dropped,
                "every new series was either created or dropped");
        JsonObject listed = api.get("/api/clients", admin).expect(200).array().stream().map(JsonValue::asJsonObject)
                .filter(c -> c.getJsonNumber("client_id").longValue() == flooder.clientId()).findFirst().orElseThrow();
        assertEquals(counted.getJsonNumber("series"), listed.getJsonNumber("series"));
        assertEquals(dropped, listed.getJsonNumber("series_dropped").longValue());

        JsonObject calm = api.postJson("/api/clients/" + neighbour.clientId() + "/metrics", neighbour.token(),
                rich(t0 + 10, 1, 10, 1_000, 1_700_000_000)).expect(200).json();
        assertTrue(!calm.containsKey("series_dropped") && !calm.containsKey("limit"), calm.toString());
        assertEquals(0, api.get("/api/clients/" + neighbour.clientId(), admin).expect(200).json()
                .getJsonNumber("series_dropped").longValue());

        // Deleting the client releases what the server kept of it: the name starts again from nothing.
        api.delete("/api/clients/" + flooder.clientId(), admin).expect(204);
        long again = api.postJson("/api/clients", admin, "{\"username\":\"" + flooder.name()
                + "\",\"password\":\"flooder-secret-2\"}").expect(201).json().getJsonNumber("client_id").longValue();
        JsonObject fresh = api.get("/api/clients/" + again, admin).expect(200).json();
        assertEquals(0, fresh.getJsonNumber("series").longValue());
        assertEquals(0, fresh.getJsonNumber("series_dropped").longValue());
        JsonObject restarted = api.postJson("/api/clients/" + again + "/metrics",
                api.token(flooder.name(), "flooder-secret-2"), flood(t0 + 20, 1, 100)).expect(200).json();
        assertTrue(!restarted.containsKey("series_dropped"), restarted.toString());
    }

    @Test
    void theStreamsAckSaysWhatALimitDropped() throws Exception {
        Api.Agent agent = api.newAgent(admin, "streamed-flood");
        AgentStreamIT.Frames frames = new AgentStreamIT.Frames();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Bearer " + agent.token())
                .buildAsync(URI.create(base.toString().replaceFirst("^http", "ws").replaceAll("/$", "") + "/ws/agent"),
                        frames).join();
        long t0 = Instant.now().getEpochSecond() - 60;
        socket.sendText("[" + flood(t0, 1, 10) + "," + flood(t0 + 10, 2, 400) + "]", true).join();
        JsonObject first = frames.next();
        assertEquals(Json.createObjectBuilder().add("type", "ack").add("seq", 1).build(), first);
        JsonObject last = frames.next();
        assertEquals(2, last.getInt("seq"));
        assertEquals("new_series_limit", last.getString("limit"));
        assertTrue(last.getInt("series_dropped") > 0, last.toString());
        assertTrue(last.getString("message").contains("MONITORING_SERIES_MAX_NEW_PER_MINUTE"), last.toString());
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }

    @Test
    void adminRemovesARetiredHostWithItsHistory() {
        Api.Agent agent = api.newAgent(admin, "retired");
        long t0 = Instant.now().getEpochSecond() - 30;
        api.postJson("/api/clients/" + agent.clientId() + "/metrics", agent.token(), rich(t0, 1, 10, 1_000, 1_700_000_000))
                .expect(200);
        assertTrue(Database.samplesOf(agent.clientId()) > 0);

        assertEquals("forbidden", api.delete("/api/clients/" + agent.clientId(), agent.token()).expect(403).error());
        api.delete("/api/clients/" + agent.name(), admin).expect(204);
        assertEquals("not_found", api.get("/api/clients/" + agent.clientId(), admin).expect(404).error());
        assertEquals(0, Database.samplesOf(agent.clientId()));
        assertEquals(0, Database.count("SELECT COUNT(*) FROM command_event WHERE client_id = ?", agent.clientId()));
        assertEquals(0, Database.count("SELECT COUNT(*) FROM account WHERE username = ?", agent.name()));
        api.get("/api/clients", agent.token()).expect(401);
        assertEquals("invalid_grant", api.login(agent.name(), agent.password()).expect(400).error());

        // The name is free again: a re-installed host registers afresh.
        api.postJson("/api/clients", admin, "{\"username\":\"" + agent.name() + "\",\"password\":\"new-secret-1\"}")
                .expect(201);
        assertEquals("built_in", api.delete("/api/clients/server", admin).expect(409).error());
    }

    @Test
    void onlyAnAdminReattachesAHostWhoseLoginWasDeletedToItsHistory() {
        Api.Agent agent = api.newAgent(admin, "re-enrolled");
        long t0 = Instant.now().getEpochSecond() - 30;
        api.postJson("/api/clients/" + agent.clientId() + "/metrics", agent.token(), rich(t0, 1, 10, 1_000, 1_700_000_000))
                .expect(200);
        api.delete("/api/users/" + agent.name(), admin).expect(204);
        api.get("/api/clients/" + agent.clientId() + "/time", admin).expect(200);

        // Whoever enrolls the name first must not inherit the history: only an admin, explicitly.
        String body = "{\"username\":\"" + agent.name() + "\",\"password\":\"second-secret-1\"";
        assertEquals("name_retired", api.postJson("/api/clients", Api.ENROLLMENT_SECRET, body + "}").expect(409).error());
        assertEquals("forbidden", api.postJson("/api/clients", Api.ENROLLMENT_SECRET,
                body + ",\"continue_history\":true}").expect(403).error());
        assertEquals("name_retired", api.postJson("/api/clients", admin, body + "}").expect(409).error());
        assertEquals(0, Database.count("SELECT COUNT(*) FROM account WHERE username = ?", agent.name()));
        JsonObject again = api.postJson("/api/clients", admin, body + ",\"continue_history\":true}").expect(201).json();
        assertEquals(agent.clientId(), again.getJsonNumber("client_id").longValue());
        String token = api.token(agent.name(), "second-secret-1");
        api.postJson("/api/clients/" + agent.clientId() + "/metrics", token, rich(t0 + 10, 2, 10, 2_000, 1_700_000_000))
                .expect(200);
        assertEquals(2, Database.count("SELECT COUNT(*) FROM ingested_snapshot WHERE client_id = ?", agent.clientId()));
        assertEquals("name_taken", api.postJson("/api/clients", admin,
                "{\"username\":\"" + agent.name() + "\",\"password\":\"third-secret-1\"}").expect(409).error());
    }

    @Test
    void lateSamplesMoveOutOfTheDefaultPartitionIntoTheirDays() {
        Api.Agent agent = api.newAgent(admin, "late");
        // A day without a partition yet, even on a database earlier runs have used.
        LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(9);
        while (Database.string("SELECT to_regclass(?)::text", partition(day)) != null) {
            day = day.minusDays(1);
        }
        while (Database.count("SELECT adopt_default_sample_days(7)") > 0) {
            // Earlier late samples get their partitions first, so only this test's day is left.
        }
        long noon = day.atTime(12, 0).toEpochSecond(ZoneOffset.UTC);
        api.postJson("/api/clients/" + agent.clientId() + "/metrics", agent.token(),
                "{\"cpu_load\":12.5,\"mem\":100,\"storage\":200,\"time\":" + noon + "}").expect(200);
        String owner = "SELECT s.tableoid::regclass::text FROM sample s JOIN series r ON r.id = s.series_id "
                + "WHERE r.client_id = ? AND r.metric = 'processor.usage_percent'";
        assertEquals("sample_default", Database.string(owner, agent.clientId()));

        // What the server's hourly maintenance runs.
        assertEquals(1, Database.count("SELECT adopt_default_sample_days(7)"));
        assertEquals(0, Database.count("SELECT COUNT(*) FROM sample_default"));
        assertEquals(partition(day), Database.string(owner, agent.clientId()));
        assertEquals(3, Database.samplesOf(agent.clientId()));
        JsonArray payload = api.get("/api/clients/" + agent.clientId() + "/time/report?start=" + (noon - 1) + "&end="
                + (noon + 1), agent.token()).expect(200).json().getJsonArray("payload");
        assertEquals(12.5, payload.getJsonObject(0).getJsonNumber("cpu").doubleValue(), 1e-9);
    }

    static String partition(LocalDate day) {
        return "sample_" + day.format(DateTimeFormatter.BASIC_ISO_DATE);
    }
}
