package org.opsmon.monitoring.agent.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.opsmon.monitoring.agent.collect.Fields;

class SnapshotSplitterTest {

    static final int LIMIT = SnapshotSplitter.MIN_BYTES;
    final AtomicInteger cut = new AtomicInteger();
    final SnapshotSplitter splitter = new SnapshotSplitter(LIMIT, cut::incrementAndGet);

    static JsonObject command(int i, String line) {
        return Fields.object().add("user", "alice").add("command", line).add("started_at", 1_700_000_000L + i)
                .add("source", "history").build();
    }

    static CollectionScheduler.Round round(JsonObject... commands) {
        JsonArrayBuilder list = Fields.array();
        for (JsonObject c : commands) {
            list.add(c);
        }
        Map<String, JsonValue> sections = new LinkedHashMap<>();
        sections.put("memory", Fields.object().add("total", 8L << 30).build());
        sections.put("commands", list.build());
        return new CollectionScheduler.Round(sections, List.of(new CollectorStatus("memory", true, 1, null)));
    }

    static JsonObject parse(SnapshotSplitter.Part p) {
        return Fields.JSON.createReader(new StringReader(new String(p.json(), StandardCharsets.UTF_8))).readObject();
    }

    List<SnapshotSplitter.Part> split(CollectionScheduler.Round round) {
        long[] seq = {100};
        return splitter.split(1_700_000_000_123L, 100, round, Fields.object().add("version", "t").build(), () -> ++seq[0]);
    }

    @Test
    void aSnapshotUnderTheLimitIsOnePartAsBuilt() {
        CollectionScheduler.Round r = round(command(1, "ls -l"));
        List<SnapshotSplitter.Part> parts = split(r);
        assertEquals(1, parts.size());
        assertEquals(SnapshotBuilder.build(1_700_000_000_123L, 100, r, Fields.object().add("version", "t").build()).toString(),
                new String(parts.get(0).json(), StandardCharsets.UTF_8));
    }

    @Test
    void commandsThatWouldOverflowFollowInContinuationsInOrder() {
        JsonObject[] commands = new JsonObject[40];
        for (int i = 0; i < commands.length; i++) {
            commands[i] = command(i, i + " " + "x".repeat(1500));
        }
        List<SnapshotSplitter.Part> parts = split(round(commands));
        assertTrue(parts.size() >= 4, "60 KB of commands in 16 KiB snapshots: " + parts.size());
        List<String> delivered = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            SnapshotSplitter.Part p = parts.get(i);
            assertTrue(p.json().length <= LIMIT, "part " + i + " is " + p.json().length + " bytes");
            JsonObject s = parse(p);
            assertEquals(100 + i, s.getJsonNumber("seq").longValue());
            assertEquals(p.seq(), s.getJsonNumber("seq").longValue());
            assertEquals("1700000000.123", s.getJsonNumber("timestamp").toString());
            assertEquals(i == 0, s.containsKey("memory") && s.containsKey("agent") && s.containsKey("collectors"),
                    "metrics, collectors and agent only in the round's own snapshot");
            s.getJsonArray("commands").forEach(c -> delivered.add(c.asJsonObject().getString("command")));
        }
        assertEquals(List.of(commands).stream().map(c -> c.getString("command")).toList(), delivered);
        assertEquals(0, cut.get());
    }

    @Test
    void aCommandTooBigForAnyPartIsCutToFitAndCounted() {
        List<SnapshotSplitter.Part> parts = split(round(command(1, "short"), command(2, "y".repeat(40_000)), command(3, "tail")));
        List<String> delivered = new ArrayList<>();
        for (SnapshotSplitter.Part p : parts) {
            assertTrue(p.json().length <= LIMIT, p.json().length + " bytes");
            parse(p).getJsonArray("commands").forEach(c -> delivered.add(c.asJsonObject().getString("command")));
        }
        assertEquals(3, delivered.size());
        assertEquals("short", delivered.get(0));
        assertTrue(delivered.get(1).startsWith("yyy") && delivered.get(1).length() > LIMIT - 500
                && delivered.get(1).length() < LIMIT, "cut as little as needed: " + delivered.get(1).length());
        assertEquals("tail", delivered.get(2));
        assertEquals(1, cut.get());
    }
}
