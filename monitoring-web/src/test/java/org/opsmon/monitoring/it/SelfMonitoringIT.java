package org.opsmon.monitoring.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The server watches its own host and keeps that history like any client's. */
class SelfMonitoringIT extends DeployedApplication {

    @Test
    void cpuLoadIsAPercentage() {
        double load = api.get("/api/monitor/cpu/load", admin).expect(200).json().getJsonNumber("load").doubleValue();
        assertTrue(load >= 0 && load <= 100, "load " + load);
    }

    @Test
    void memoryMatchesProcMeminfo() throws Exception {
        long memTotalKb = Files.readAllLines(Path.of("/proc/meminfo")).stream()
                .filter(l -> l.startsWith("MemTotal:")).map(l -> l.replaceAll("\\D", "")).mapToLong(Long::parseLong)
                .findFirst().orElseThrow();
        JsonObject kb = api.get("/api/monitor/memory/info?units=KB", admin).expect(200).json();
        assertEquals("KB", kb.getString("units"));
        assertEquals(memTotalKb, kb.getJsonNumber("total").doubleValue(), 1.0);
        for (String field : List.of("available", "used", "free", "percent", "cached", "buffers", "active", "inactive")) {
            assertTrue(kb.containsKey(field), field + " missing in " + kb);
        }
        JsonObject bytes = api.get("/api/monitor/memory/info?units=B", admin).expect(200).json();
        assertEquals(memTotalKb * 1024, bytes.getJsonNumber("total").longValue());
        JsonObject mb = api.get("/api/monitor/memory/info", admin).expect(200).json();
        assertEquals("MB", mb.getString("units"));
        assertEquals("invalid_units", api.get("/api/monitor/memory/info?units=TB", admin).expect(400).error());
    }

    @Test
    void storageIsConsistent() {
        JsonObject gb = api.get("/api/monitor/storage/info?units=GB", admin).expect(200).json();
        double total = gb.getJsonNumber("total").doubleValue();
        double used = gb.getJsonNumber("used").doubleValue();
        double free = gb.getJsonNumber("free").doubleValue();
        assertTrue(total > 0 && used >= 0 && free >= 0 && used + free <= total + 0.1, gb.toString());
        double percent = gb.getJsonNumber("percent").doubleValue();
        assertTrue(percent >= 0 && percent <= 100);
        assertEquals("invalid_units", api.get("/api/monitor/storage/info?units=pages", admin).expect(400).error());
    }

    @Test
    void serverHistoryGrowsAndExportsAsCsv() throws InterruptedException {
        JsonArray rows = JsonArray.EMPTY_JSON_ARRAY;
        for (int i = 0; i < 30 && rows.size() < 2; i++) {
            Thread.sleep(1000);
            rows = api.get("/api/clients/server/time/report", admin).expect(200).json().getJsonArray("payload");
        }
        assertTrue(rows.size() >= 2, "self-sampling every 2 s in tests: " + rows);
        JsonObject last = rows.getJsonObject(rows.size() - 1);
        assertTrue(last.getJsonNumber("cpu").doubleValue() >= 0);
        assertTrue(last.getJsonNumber("mem").doubleValue() > 0);
        assertTrue(last.getJsonNumber("storage").doubleValue() > 0);

        String csv = api.get("/api/clients/server/time/report", admin, "text/csv").expect(200).body();
        assertTrue(csv.lines().count() >= 3, csv);
        JsonObject span = api.get("/api/clients/server/time", admin).expect(200).json();
        assertTrue(span.getJsonNumber("end").doubleValue() > span.getJsonNumber("start").doubleValue());
        JsonArray cores = api.get("/api/clients/server/series?metric=processor.per_core_usage", admin).expect(200).json()
                .getJsonArray("series");
        assertEquals(Runtime.getRuntime().availableProcessors(), cores.size());
    }

    @Test
    void healthReportsDatabaseAndMigrations() {
        JsonObject health = api.get(api.root() + "/health", null).expect(200).json();
        assertEquals("UP", health.getString("status"));
        JsonObject database = health.getJsonArray("checks").stream().map(v -> v.asJsonObject())
                .filter(c -> c.getString("name").equals("database")).findFirst().orElseThrow();
        assertEquals("PostgreSQL", database.getJsonObject("data").getString("database"));
        assertEquals("true", database.getJsonObject("data").get("migrations_applied").toString().replace("\"", ""));
    }

    @Test
    void openApiDescribesTheEndpoints() {
        String openapi = api.get(api.root() + "/openapi", null).expect(200).body();
        for (String path : List.of("/api/auth/token", "/api/clients", "/api/clients/{client}/metrics",
                "/api/clients/{client}/time/report", "/api/clients/{client}/series", "/api/monitor/memory/info",
                "/api/clients/{client}/tokens", "/api/clients/{client}/commands")) {
            assertTrue(openapi.contains(path + ":"), path + " missing from OpenAPI");
        }
    }
}
