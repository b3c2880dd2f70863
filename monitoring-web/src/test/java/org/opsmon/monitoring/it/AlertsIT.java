package org.opsmon.monitoring.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Alert rules and alerts through the public API, with samples posted as agents post them. The
 * server evaluates asynchronously, so each expectation is polled for up to a deadline. The test
 * container checks for silent agents every second and allows 40 rules.
 */
class AlertsIT extends DeployedApplication {

    static final long DEADLINE_S = 20;

    String viewer() {
        String name = "viewer-" + UUID.randomUUID().toString().substring(0, 8);
        api.postJson("/api/users", admin, "{\"username\":\"" + name + "\",\"password\":\"viewer-password-1\","
                + "\"role\":\"viewer\"}").expect(201);
        return api.token(name, "viewer-password-1");
    }

    void post(Api.Agent agent, String json) {
        api.postJson("/api/clients/" + agent.clientId() + "/metrics", agent.token(), json).expect(200);
    }

    static String memory(long time, double percent) {
        return "{\"timestamp\":" + time + ",\"memory\":{\"total\":8000000000,\"used\":1000000000,\"percentage\":"
                + percent + "}}";
    }

    JsonArray alerts(String query) {
        return api.get("/api/alerts" + query, admin).expect(200).array();
    }

    /** Polls the alerts of a source until one matches, answering it. */
    JsonObject awaitAlert(String source, Predicate<JsonObject> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_S);
        List<JsonObject> seen = List.of();
        while (System.nanoTime() < deadline) {
            seen = alerts("?source=" + source).getValuesAs(JsonObject.class);
            for (JsonObject alert : seen) {
                if (condition.test(alert)) {
                    return alert;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No alert of " + source + " as expected within " + DEADLINE_S + " s; saw " + seen);
    }

    static Predicate<JsonObject> is(String metric, String state, String level) {
        return a -> a.getString("metric").equals(metric) && a.getString("state").equals(state)
                && (level == null || a.getString("level").equals(level));
    }

    static String rule(String name, String metric, String extra) {
        return "{\"name\":\"" + name + "\",\"metric\":\"" + metric + "\",\"comparison\":\">\",\"warning\":1"
                + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    @Test
    void theDefaultRulesAreThereAndTheServerStoresWhatTheHeapRuleWatches() throws InterruptedException {
        JsonArray rules = api.get("/api/alert-rules", viewer()).expect(200).array();
        Map<String, JsonObject> byName = rules.getValuesAs(JsonObject.class).stream()
                .collect(Collectors.toMap(r -> r.getString("name"), r -> r));
        JsonObject memory = byName.get("Memory usage");
        assertEquals("memory.percentage", memory.getString("metric"));
        assertEquals(">", memory.getString("comparison"));
        assertEquals(List.of(80.0, 90.0, 75.0, 85.0), List.of(number(memory, "warning"), number(memory, "critical"),
                number(memory, "clear_warning"), number(memory, "clear_critical")));
        assertEquals(300, memory.getInt("renotify_s"));
        assertTrue(memory.isNull("source"));
        JsonObject disk = byName.get("Disk usage");
        assertEquals(List.of(85.0, 95.0, 80.0, 90.0), List.of(number(disk, "warning"), number(disk, "critical"),
                number(disk, "clear_warning"), number(disk, "clear_critical")));
        assertEquals(Map.of(), disk.getJsonObject("labels"), "every mount, one alert each");
        JsonObject free = byName.get("Free disk space");
        assertEquals("<", free.getString("comparison"));
        assertTrue(free.isNull("warning"));
        assertEquals(1073741824.0, number(free, "critical"));
        JsonObject cpu = byName.get("CPU usage");
        assertEquals("processor.usage_percent", cpu.getString("metric"));
        assertEquals(300, cpu.getInt("for_s"));
        assertEquals(List.of(90.0, 95.0), List.of(number(cpu, "warning"), number(cpu, "critical")));
        assertEquals("agent.missed_intervals", byName.get("Agent silent").getString("metric"));
        assertEquals(3.0, number(byName.get("Agent silent"), "critical"));
        JsonObject heap = byName.get("Server heap after GC");
        assertEquals("process.heap.after_gc_percent", heap.getString("metric"));
        assertEquals(90.0, number(heap, "warning"));

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_S);
        JsonArray series;
        do {
            Thread.sleep(200);
            series = api.get("/api/clients/server/series?metric=process.heap.after_gc_percent", admin).expect(200).json()
                    .getJsonArray("series");
        } while (series.isEmpty() && System.nanoTime() < deadline);
        assertEquals(1, series.size(), "the self-sampler stores heap after GC in percent");
    }

    static double number(JsonObject object, String name) {
        return object.getJsonNumber(name).doubleValue();
    }

    @Test
    void rulesAreWrittenByAdminsReadByViewersRefusedToAgentsAndCheckedPrecisely() {
        String viewer = viewer();
        Api.Agent agent = api.newAgent(admin, "rules");
        String name = "Load " + UUID.randomUUID();
        JsonObject created = api.postJson("/api/alert-rules", admin, "{\"name\":\"" + name + "\",\"metric\":\"processor.load_1\","
                + "\"labels\":{},\"source\":\"" + agent.name() + "\",\"comparison\":\">\",\"warning\":4,\"critical\":8,"
                + "\"clear_warning\":3,\"for_s\":60}").expect(201).json();
        long id = created.getJsonNumber("id").longValue();
        assertEquals(agent.name(), created.getString("source"));
        assertEquals(8.0, number(created, "clear_critical"), "an omitted clear threshold equals its trigger");
        assertEquals(300, created.getInt("renotify_s"));
        assertTrue(created.getBoolean("enabled"));
        assertEquals(name, api.get("/api/alert-rules/" + id, viewer).expect(200).json().getString("name"));

        JsonObject changed = api.send("PUT", "/api/alert-rules/" + id, admin, "application/json",
                rule(name, "processor.load_5", "\"critical\":2,\"enabled\":false").getBytes()).expect(200).json();
        assertEquals("processor.load_5", changed.getString("metric"));
        assertFalse(changed.getBoolean("enabled"));
        assertTrue(changed.isNull("source"));

        assertEquals("name_taken", api.postJson("/api/alert-rules", admin, rule(name, "memory.used", "")).expect(409).error());
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put(rule("a", "memory.percentage", "\"critical\":0.5"), "critical_below_warning");
        refused.put(rule("a", "memory.percentage", "\"clear_warning\":2"), "clear_above_trigger");
        refused.put(rule("a", "memory.percentage", "\"clear_critical\":2"), "clear_without_trigger");
        refused.put(rule("a", "memory.percentage", "").replace("\">\"", "\"=>\""), "unknown_comparison");
        refused.put(rule("a", "memory..percentage", ""), "invalid_metric");
        refused.put(rule("a", "memory percentage", ""), "invalid_metric");
        refused.put(rule("x".repeat(129), "memory.percentage", ""), "invalid_name");
        refused.put(rule("a\u0000", "memory.percentage", "").replace("\u0000", "\\u0000"), "invalid_name");
        refused.put(rule("a", "memory.percentage", "\"source\":\"no-such-host\""), "unknown_source");
        refused.put(rule("a", "memory.percentage", "\"warning\":null"), "no_threshold");
        refused.put(rule("a", "memory.percentage", "\"warning\":\"80\""), "invalid_warning");
        refused.put(rule("a", "memory.percentage", "\"for\":60"), "unknown_field");
        refused.put(rule("a", "memory.percentage", "\"for_s\":-1"), "invalid_for_s");
        refused.put(rule("a", "memory.percentage", "\"for_s\":1.5"), "invalid_for_s");
        refused.put(rule("a", "memory.percentage", "\"renotify_s\":99999999"), "invalid_renotify_s");
        refused.put(rule("a", "memory.percentage", "\"labels\":{\"path\":1}"), "invalid_labels");
        refused.put(rule("a", "memory.percentage", "\"enabled\":\"yes\""), "invalid_enabled");
        refused.put("[1]", "invalid_json");
        long rulesBefore = api.get("/api/alert-rules", admin).expect(200).array().size();
        refused.forEach((body, code) -> assertEquals(code, api.postJson("/api/alert-rules", admin, body).expect(400).error(),
                body));
        assertEquals(rulesBefore, api.get("/api/alert-rules", admin).expect(200).array().size(), "nothing stored");

        assertEquals(403, api.postJson("/api/alert-rules", viewer, rule("v", "memory.used", "")).status());
        assertEquals(403, api.delete("/api/alert-rules/" + id, viewer).status());
        assertEquals(403, api.get("/api/alert-rules", agent.token()).status());
        assertEquals(403, api.get("/api/alerts", agent.token()).status());
        assertEquals(401, api.get("/api/alert-rules", null).status());
        assertEquals("not_found", api.get("/api/alert-rules/abc", admin).expect(404).error());

        api.delete("/api/alert-rules/" + id, admin).expect(204);
        api.get("/api/alert-rules/" + id, admin).expect(404);
    }

    @Test
    void theNumberOfRulesIsCapped() {
        List<Long> created = new ArrayList<>();
        try {
            Api.Reply reply;
            do {
                reply = api.postJson("/api/alert-rules", admin, rule("Cap " + UUID.randomUUID(), "memory.used", ""));
                if (reply.status() == 201) {
                    created.add(reply.json().getJsonNumber("id").longValue());
                }
            } while (reply.status() == 201 && created.size() < 100);
            assertEquals("rule_limit", reply.expect(409).error());
            assertTrue(reply.json().getString("message").contains("monitoring.alerts.rules.max"));
        } finally {
            created.forEach(id -> api.delete("/api/alert-rules/" + id, admin).expect(204));
        }
    }

    @Test
    void anAlertOpensEscalatesInPlaceAndResolvesOnlyBelowClearIgnoringBackFill() throws InterruptedException {
        Api.Agent agent = api.newAgent(admin, "mem");
        long t = Instant.now().getEpochSecond() - 600;
        post(agent, memory(t, 50));
        post(agent, memory(t + 10, 85));
        JsonObject opened = awaitAlert(agent.name(), is("memory.percentage", "firing", "WARNING"));
        assertEquals("Warning memory usage: 85.0% (threshold: 80.0%)", opened.getString("message"));
        assertEquals("Memory usage", opened.getString("rule"));
        assertEquals(agent.name(), opened.getString("source"));
        assertEquals(85.0, number(opened, "value"));
        assertEquals(80.0, number(opened, "threshold"));
        assertEquals(Instant.ofEpochSecond(t + 10).toString(), opened.getString("started_at"));
        assertTrue(opened.isNull("resolved_at"));
        long id = opened.getJsonNumber("id").longValue();

        post(agent, memory(t + 20, 93.44));
        JsonObject escalated = awaitAlert(agent.name(), is("memory.percentage", "firing", "CRITICAL"));
        assertEquals(id, escalated.getJsonNumber("id").longValue(), "escalated in place");
        assertEquals("Critical memory usage: 93.4% (threshold: 90.0%)", escalated.getString("message"));

        post(agent, memory(t - 100, 10));
        post(agent, memory(t + 30, 84));
        JsonObject deescalated = awaitAlert(agent.name(), is("memory.percentage", "firing", "WARNING"));
        assertEquals(id, deescalated.getJsonNumber("id").longValue(), "the back-filled 10 % resolved nothing");

        post(agent, memory(t + 40, 76));
        post(agent, memory(t + 50, 77));
        post(agent, memory(t + 60, 80.5));
        post(agent, memory(t + 70, 74));
        JsonObject resolved = awaitAlert(agent.name(), is("memory.percentage", "resolved", null));
        assertEquals(id, resolved.getJsonNumber("id").longValue(), "one alert for the whole episode");
        assertEquals(74.0, number(resolved, "value"), "only the sample below the clear threshold resolved it");
        assertEquals(Instant.ofEpochSecond(t + 70).toString(), resolved.getString("resolved_at"));
        assertEquals("Resolved memory usage: 74.0% (clear threshold: 75.0%)", resolved.getString("message"));
        assertEquals(1, alerts("?source=" + agent.name()).getValuesAs(JsonObject.class).stream()
                .filter(a -> a.getString("metric").equals("memory.percentage")).count());

        assertEquals(id, api.get("/api/alerts/" + id, viewer()).expect(200).json().getJsonNumber("id").longValue());
        assertEquals(1, alerts("?source=" + agent.clientId() + "&state=resolved&level=warning").size());
        assertEquals(0, alerts("?source=" + agent.name() + "&state=firing").size());
        assertEquals(1, alerts("?source=" + agent.name() + "&from=" + (t + 60) + "&to=" + (t + 65)).size(),
                "open during that window");
        assertEquals(0, alerts("?source=" + agent.name() + "&from=" + (t + 71)).size(), "resolved before");
        assertEquals(0, alerts("?source=" + agent.name() + "&to=" + t).size(), "started after");
    }

    @Test
    void acknowledgingRecordsWhoAndWhen() throws InterruptedException {
        Api.Agent agent = api.newAgent(admin, "ack");
        long t = Instant.now().getEpochSecond() - 60;
        post(agent, memory(t, 97));
        JsonObject alert = awaitAlert(agent.name(), is("memory.percentage", "firing", "CRITICAL"));
        long id = alert.getJsonNumber("id").longValue();
        assertTrue(alert.isNull("acknowledged_by"));

        assertEquals(403, api.postJson("/api/alerts/" + id + "/ack", viewer(), "").status());
        JsonObject acked = api.postJson("/api/alerts/" + id + "/ack", admin, "").expect(200).json();
        assertEquals("admin", acked.getString("acknowledged_by"));
        Instant at = Instant.parse(acked.getString("acknowledged_at"));
        assertTrue(Math.abs(at.getEpochSecond() - Instant.now().getEpochSecond()) < 60);
        assertEquals(acked.getString("acknowledged_at"), api.postJson("/api/alerts/" + id + "/ack", admin, "")
                .expect(200).json().getString("acknowledged_at"), "idempotent: the first acknowledgement stays");
        assertEquals("not_found", api.postJson("/api/alerts/987654321/ack", admin, "").expect(404).error());

        post(agent, memory(t + 10, 10));
        awaitAlert(agent.name(), is("memory.percentage", "resolved", null));
        assertEquals("alert_not_firing", api.postJson("/api/alerts/" + id + "/ack", admin, "").expect(409).error());
    }

    @Test
    void aRuleScopedToOneSourceAlertsOnlyThereAndDisablingItResolvesItsAlert() throws InterruptedException {
        Api.Agent watched = api.newAgent(admin, "scoped");
        Api.Agent other = api.newAgent(admin, "unscoped");
        String name = "Load of " + watched.name();
        long id = api.postJson("/api/alert-rules", admin, "{\"name\":\"" + name + "\",\"metric\":\"processor.load_1\","
                + "\"source\":\"" + watched.name() + "\",\"comparison\":\">=\",\"critical\":4}").expect(201).json()
                .getJsonNumber("id").longValue();
        try {
            long t = Instant.now().getEpochSecond() - 60;
            post(other, "{\"timestamp\":" + t + ",\"processor\":{\"load_1\":9}}");
            post(watched, "{\"timestamp\":" + t + ",\"processor\":{\"load_1\":4}}");
            JsonObject alert = awaitAlert(watched.name(), is("processor.load_1", "firing", "CRITICAL"));
            assertEquals("Critical processor.load_1: 4 (threshold: 4)", alert.getString("message"));
            assertEquals(0, alerts("?source=" + other.name()).size(), "the other source is not watched");

            api.send("PUT", "/api/alert-rules/" + id, admin, "application/json", ("{\"name\":\"" + name
                    + "\",\"metric\":\"processor.load_1\",\"source\":\"" + watched.name()
                    + "\",\"comparison\":\">=\",\"critical\":4,\"enabled\":false}").getBytes()).expect(200);
            JsonObject retired = awaitAlert(watched.name(), is("processor.load_1", "resolved", null));
            assertEquals("Resolved processor.load_1: its rule was disabled", retired.getString("message"));
        } finally {
            api.delete("/api/alert-rules/" + id, admin).expect(204);
        }
        assertEquals(name, alerts("?source=" + watched.name()).getJsonObject(0).getString("rule"),
                "history keeps the deleted rule's name");
        assertTrue(alerts("?source=" + watched.name()).getJsonObject(0).isNull("rule_id"));
    }

    @Test
    void aSilentAgentIsDetectedByTheTimerAndClearedByItsNextSnapshot() throws InterruptedException {
        Api.Agent agent = api.newAgent(admin, "quiet");
        long now = Instant.now().getEpochSecond();
        for (int i = 3; i >= 0; i--) {
            post(agent, memory(now - i, 50));
        }
        JsonObject silent = awaitAlert(agent.name(), is("agent.missed_intervals", "firing", "CRITICAL"));
        assertEquals("Agent silent", silent.getString("rule"));
        assertTrue(silent.getString("message").startsWith("Critical agent silence: "), silent.getString("message"));
        post(agent, memory(Instant.now().getEpochSecond(), 50));
        JsonObject back = awaitAlert(agent.name(), is("agent.missed_intervals", "resolved", null));
        assertEquals(silent.getJsonNumber("id"), back.getJsonNumber("id"));
    }

    @Test
    void theOpenApiDescriptionNamesTheFieldsAsTheAnswersDo() {
        JsonObject openApi = api.openApi();
        assertTrue(Api.answerProperties(openApi, "/api/alerts", "get").keySet().containsAll(List.of("id", "rule",
                "source", "metric", "labels", "level", "state", "value", "threshold", "started_at", "resolved_at",
                "message", "acknowledged_by", "acknowledged_at")));
        assertTrue(Api.answerProperties(openApi, "/api/alert-rules", "get").keySet().containsAll(List.of("name",
                "metric", "labels", "source", "comparison", "warning", "critical", "clear_warning", "clear_critical",
                "for_s", "renotify_s", "enabled")));
    }

    @Test
    void badQueriesAreRefusedWithTheirCodes() {
        Map<String, String> refused = Map.of("?state=open", "invalid_state", "?level=info", "invalid_level",
                "?limit=0", "invalid_limit", "?limit=1001", "limit_too_large", "?limit=ten", "invalid_limit",
                "?from=200&to=100", "invalid_range", "?from=yesterday", "invalid_time",
                "?source=no-such-host", "unknown_source");
        refused.forEach((query, code) -> assertEquals(code, api.get("/api/alerts" + query, admin).expect(400).error(), query));
        assertEquals("not_found", api.get("/api/alerts/abc", admin).expect(404).error());
        JsonArray some = alerts("?limit=1");
        assertTrue(some.size() <= 1);
        for (JsonValue value : alerts("?state=firing")) {
            assertEquals("firing", value.asJsonObject().getString("state"));
        }
    }
}
