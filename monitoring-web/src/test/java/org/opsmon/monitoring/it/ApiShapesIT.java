package org.opsmon.monitoring.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What clients parse: the exact shape of the answers, and the OpenAPI description of them. */
class ApiShapesIT extends DeployedApplication {

    @Test
    void openApiNamesTheFieldsOfTheAnswers() {
        JsonObject openApi = api.openApi();
        Map<String, List<String>> expected = Map.of(
                "/api/auth/token post", List.of("access_token", "token_type", "expires_in", "role", "client_id"),
                "/api/clients post", List.of("client_id", "name", "registration"),
                "/api/clients get", List.of("client_id", "name", "kind", "registered_at", "last_seen"),
                "/api/clients/{client}/time get", List.of("client_id", "start", "end"),
                "/api/clients/{client}/time/report get", List.of("client_id", "payload"),
                "/api/clients/{client}/series get", List.of("client_id", "metric", "start", "end", "step", "series"),
                "/api/clients/{client}/commands get", List.of("user", "command", "started_at", "source", "pid"),
                "/api/clients/{client}/tokens delete", List.of("client_id", "revoked"),
                "/api/monitor/memory/info get", List.of("total", "swap_total", "swap_cached", "units"),
                "/api/users get", List.of("username", "role", "created_at"));
        expected.forEach((operation, fields) -> {
            String[] parts = operation.split(" ");
            JsonObject properties = Api.answerProperties(openApi, parts[0], parts[1]);
            assertEquals(Set.copyOf(fields), properties.keySet().stream().filter(fields::contains)
                    .collect(java.util.stream.Collectors.toSet()), operation + ": " + properties.keySet());
            assertTrue(properties.keySet().stream().noneMatch(name -> name.matches(".*[A-Z].*")),
                    operation + " names a field in camelCase: " + properties.keySet());
        });
        JsonObject report = Api.answerProperties(openApi, "/api/clients/{client}/time/report", "get");
        assertEquals(List.of("unix_time", "cpu", "mem", "storage", "mem_percent", "storage_percent", "swap_used", "load_1"),
                List.copyOf(Api.properties(openApi, report.getJsonObject("payload")).keySet()));
        assertFalse(report.containsKey("client_name"), "the CSV file name is no JSON field");
        JsonObject series = Api.answerProperties(openApi, "/api/clients/{client}/series", "get");
        JsonObject points = Api.properties(openApi, Api.properties(openApi, series.getJsonObject("series"))
                .getJsonObject("points"));
        assertEquals(Set.of("time", "avg", "min", "max", "count"), points.keySet());
    }

    @Test
    void historyAnswersWriteNullsAndTimesAsBefore() {
        Api.Agent agent = api.newAgent(admin, "shapes");
        String base = "/api/clients/" + agent.clientId();
        JsonObject empty = api.get(base + "/time", agent.token()).expect(200).json();
        assertEquals(Set.of("client_id", "start", "end"), empty.keySet());
        assertTrue(empty.isNull("start") && empty.isNull("end"));

        long t0 = Instant.now().getEpochSecond() - 60;
        api.postJson(base + "/metrics", agent.token(), "{\"cpu_load\":25.9,\"mem\":6172,\"storage\":95888,\"time\":" + t0 + "}")
                .expect(200);
        api.postJson(base + "/metrics", agent.token(), "{\"timestamp\":" + (t0 + 10) + ".5,\"processor\":{\"usage_percent\":"
                + "12.34567,\"load_1\":0.5},\"commands\":[{\"user\":\"alice\",\"command\":\"ls\",\"started_at\":" + (t0 + 9)
                + "}]}").expect(200);

        JsonObject span = api.get(base + "/time", agent.token()).expect(200).json();
        assertEquals(String.valueOf(t0), span.get("start").toString(), "whole seconds stay whole");
        assertEquals((t0 + 10) + ".5", span.get("end").toString());

        JsonObject report = api.get(base + "/time/report?start=" + (t0 - 1), agent.token()).expect(200).json();
        assertEquals(Set.of("client_id", "payload"), report.keySet());
        JsonObject first = report.getJsonArray("payload").getJsonObject(0);
        assertEquals(Set.of("unix_time", "cpu", "mem", "storage", "mem_percent", "storage_percent", "swap_used", "load_1"),
                first.keySet());
        assertEquals(JsonValue.NULL, first.get("mem_percent"));
        assertEquals(JsonValue.NULL, first.get("load_1"));
        JsonObject second = report.getJsonArray("payload").getJsonObject(1);
        assertEquals((t0 + 10) + ".5", second.get("unix_time").toString());
        assertEquals(12.346, second.getJsonNumber("cpu").doubleValue(), 1e-9, "three decimals");
        assertEquals(0.5, second.getJsonNumber("load_1").doubleValue(), 1e-9);

        JsonObject command = api.get(base + "/commands?start=" + (t0 - 1), agent.token()).expect(200).array()
                .getJsonObject(0);
        assertEquals(JsonValue.NULL, command.get("pid"));
        assertEquals(String.valueOf(t0 + 9), command.get("started_at").toString());

        JsonObject token = api.login("admin", Api.ADMIN_PASSWORD).expect(200).json();
        assertFalse(token.containsKey("client_id"), "only an agent's token names a client");
        assertEquals(Set.of("total", "used", "free", "percent", "path", "units"),
                api.get("/api/monitor/storage/info", admin).expect(200).json().keySet());
    }

    @Test
    void reportNegotiatesJsonAndCsv() {
        Api.Agent agent = api.newAgent(admin, "csv");
        long t0 = Instant.now().getEpochSecond() - 60;
        String report = "/api/clients/" + agent.clientId() + "/time/report?start=" + (t0 - 1);
        api.postJson("/api/clients/" + agent.clientId() + "/metrics", agent.token(), "{\"cpu_load\":5,\"time\":" + t0 + "}")
                .expect(200);

        Api.Reply csv = api.get(report + "&format=csv", agent.token()).expect(200);
        assertTrue(csv.header("Content-Type").startsWith("text/csv"), csv.header("Content-Type"));
        assertEquals("attachment; filename=\"" + agent.name() + "-report.csv\"", csv.header("Content-Disposition"));
        assertEquals(List.of("unix_time,cpu,mem,storage,mem_percent,storage_percent,swap_used,load_1", t0 + ",5.0,,,,,,"),
                csv.body().lines().toList());
        assertEquals(csv.body(), api.get(report, agent.token(), "text/csv").expect(200).body());
        assertTrue(api.get(report + "&format=json", agent.token(), "text/csv").expect(200).header("Content-Type")
                .startsWith("application/json"), "format wins over Accept");
        Api.Reply browser = api.get(report, agent.token(), "text/html,application/xhtml+xml,*/*;q=0.8").expect(200);
        assertTrue(browser.header("Content-Type").startsWith("application/json"));
        assertEquals(1, browser.json().getJsonArray("payload").size());
        assertEquals("invalid_format", api.get(report + "&format=xml", agent.token()).expect(400).error());
    }

    @Test
    void badParametersAreNamedInA400() {
        Api.Agent agent = api.newAgent(admin, "params");
        String base = "/api/clients/" + agent.clientId();
        Api.Reply step = api.get(base + "/series?metric=x&step=often", agent.token()).expect(400);
        assertEquals("invalid_step", step.error());
        assertTrue(step.json().getString("message").startsWith("step "), step.body());
        assertEquals("invalid_limit", api.get(base + "/commands?limit=many", agent.token()).expect(400).error());
        Api.Reply end = api.get(base + "/commands?end=-1", agent.token()).expect(400);
        assertEquals("invalid_time", end.error());
        assertTrue(end.json().getString("message").startsWith("end "), end.body());
        assertEquals(200, api.get(base + "/series?metric=x&step=&start=", agent.token()).status(), "blank is absent");
        assertEquals("not_found", api.get(base + "/nothing-here", agent.token()).expect(404).error());
    }

    @Test
    void textParametersAndFarTimesAreRefusedByName() {
        Api.Agent agent = api.newAgent(admin, "hostile-params");
        String base = "/api/clients/" + agent.clientId();
        Api.Reply user = api.get(base + "/commands?user=%00root", agent.token()).expect(400);
        assertEquals("invalid_user", user.error());
        assertEquals("user contains a control character (U+0000) at position 0", user.json().getString("message"));
        assertEquals("invalid_user", api.get(base + "/commands?user=" + "u".repeat(65), agent.token()).expect(400).error());
        api.get(base + "/commands?user=" + "u".repeat(64), agent.token()).expect(200);
        assertEquals("invalid_metric", api.get(base + "/series?metric=cpu%00", agent.token()).expect(400).error());
        assertEquals("invalid_metric", api.get(base + "/series?metric=" + "m".repeat(129), agent.token())
                .expect(400).error());
        assertEquals("invalid_label", api.get(base + "/series?metric=disk.used&label.path=%2F%00", agent.token())
                .expect(400).error());
        for (String time : List.of("%2B300000-01-01T00:00:00Z", "-1e300", "0000-01-01T00:00:00Z", "1e300",
                "%2B10000-01-01T00:00:00Z")) {
            Api.Reply far = api.get(base + "/time/report?end=" + time, agent.token()).expect(400);
            assertEquals("invalid_time", far.error(), time);
            assertTrue(far.json().getString("message").startsWith("end must be"), far.body());
            assertEquals("invalid_time", api.get(base + "/series?metric=x&start=" + time, agent.token()).expect(400)
                    .error());
        }
        // The last instant accepted; the report's range limit, not the time rule, refuses 1970 to then.
        api.get(base + "/time/report?start=5138-11-01T00:00:00Z&end=5138-11-16T09:46:40Z", agent.token()).expect(200);
        assertEquals("range_too_large", api.get(base + "/time/report?start=0&end=5138-11-16T09:46:40Z", agent.token())
                .expect(400).error());
        assertEquals("invalid_time", api.get(base + "/time/report?end=100000000001", agent.token()).expect(400).error());
    }

    @Test
    void snapshotTextTheDatabaseCannotStoreIsRefusedAndNothingStored() {
        Api.Agent agent = api.newAgent(admin, "hostile-text");
        String metrics = "/api/clients/" + agent.clientId() + "/metrics";
        long now = Instant.now().getEpochSecond();
        String commands = "[{\"timestamp\":" + now + ",\"processor\":{\"usage_percent\":1},\"commands\":["
                + "{\"user\":\"root\",\"command\":\"ls\"},{\"user\":\"bob\",\"command\":\"ls\"},"
                + "{\"user\":\"bob\\u0000\",\"command\":\"ls\"}]}]";
        Api.Reply nul = api.postJson(metrics, agent.token(), commands).expect(400);
        assertEquals("invalid_snapshot", nul.error());
        assertEquals("[0].commands[2].user: contains a control character (U+0000) at position 3",
                nul.json().getString("message"));
        Map<String, String> refused = Map.of(
                "{\"commands\":[{\"user\":\"root\",\"command\":\"rm \\u0000\"}]}", "commands[0].command: contains",
                "{\"commands\":[{\"user\":\"" + "u".repeat(65) + "\",\"command\":\"ls\"}]}",
                "commands[0].user: is longer than 64",
                "{\"commands\":[{\"user\":\"root\",\"command\":\"echo \\ud800\"}]}", "commands[0].command: contains an unpaired",
                "{\"disk\":[{\"path\":\"" + "\\u0001".repeat(200) + "\",\"percentage\":5}]}", "disk[0].path: contains",
                "{\"network\":[{\"interface\":\"" + "\\u001f".repeat(200) + "\",\"bytes_recv\":5}]}",
                "network[0].interface: contains",
                "{\"disk_io\":[{\"device\":\"" + "\\u007f".repeat(200) + "\",\"reads\":5}]}", "disk_io[0].device: contains",
                "{\"gpu\":{\"gpus\":[{\"id\":\"" + "\\u0085".repeat(200) + "\",\"memory_used\":5}]}}", "gpu.gpus[0].id: contains",
                "{\"timestamp\":-1e300,\"processor\":{\"usage_percent\":1}}", "timestamp: is before");
        refused.forEach((body, message) -> {
            Api.Reply reply = api.postJson(metrics, agent.token(), body).expect(400);
            assertEquals("invalid_snapshot", reply.error(), body);
            assertTrue(reply.json().getString("message").startsWith(message), reply.body());
        });
        assertEquals(0, Database.samplesOf(agent.clientId()));
        assertEquals(0, Database.count("SELECT COUNT(*) FROM command_event WHERE client_id = ?", agent.clientId()));
        assertEquals(0, Database.count("SELECT COUNT(*) FROM series WHERE client_id = ?", agent.clientId()));

        String quotes = "\\\"\\\\".repeat(128);
        api.postJson(metrics, agent.token(), "{\"disk\":[{\"path\":\"" + quotes + "\",\"percentage\":5}],"
                + "\"commands\":[{\"user\":\"" + "u".repeat(64) + "\",\"command\":\"a\\tb\"}]}").expect(200);
        assertEquals(1, Database.count("SELECT COUNT(*) FROM series WHERE client_id = ? AND length(labels) = ?",
                agent.clientId(), "{\"path\":\"\"}".length() + 512));
        assertEquals("a\tb", Database.string("SELECT command FROM command_event WHERE client_id = ?", agent.clientId()));
    }
}
