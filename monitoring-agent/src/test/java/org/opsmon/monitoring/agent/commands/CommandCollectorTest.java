package org.opsmon.monitoring.agent.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandCollectorTest {

    @TempDir
    Path dir;

    private CommandCollector collector(Path home, int cap) {
        return new CommandCollector(Path.of("/proc"), Path.of("/etc/passwd"), List.of(home), List.of(),
                dir.resolve("history-offsets.properties"), cap, 100);
    }

    private static List<JsonObject> commands(Map<String, JsonValue> out, String source) {
        List<JsonObject> list = new ArrayList<>();
        JsonValue v = out.get("commands");
        if (v != null) {
            for (JsonValue c : (JsonArray) v) {
                if (c.asJsonObject().getString("source").equals(source)) {
                    list.add(c.asJsonObject());
                }
            }
        }
        return list;
    }

    @Test
    void newProcessIsReportedOnceWithUserAndCommandLine() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        CommandCollector c = collector(home, 500);
        c.collect();
        // The agent skips its own children (e.g. nvidia-smi), so the user command is started one level down.
        Process grand = new ProcessBuilder("sh", "-c", "sleep 6.5 & wait").start();
        try {
            Thread.sleep(200);
            List<JsonObject> next = commands(c.collect(), "process");
            JsonObject sleeper = next.stream().filter(o -> o.getString("command").equals("sleep 6.5")).findFirst()
                    .orElseThrow(() -> new AssertionError("new process not reported: " + next));
            assertEquals(System.getProperty("user.name"), sleeper.getString("user"));
            long startedAt = sleeper.getJsonNumber("started_at").longValue();
            assertTrue(Math.abs(startedAt - System.currentTimeMillis() / 1000) < 5, "start time " + startedAt);
            assertTrue(commands(c.collect(), "process").stream().noneMatch(o -> o.getString("command").equals("sleep 6.5")),
                    "a process is new only once");
        } finally {
            grand.descendants().forEach(ProcessHandle::destroy);
            grand.destroy();
        }
    }

    @Test
    void historyIsFollowedAcrossRestartsTruncationAndRotation() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home/alice"));
        Path hist = home.resolve(".bash_history");
        Files.writeString(hist, "old command\n");
        Path homes = dir.resolve("home");

        CommandCollector first = collector(homes, 500);
        assertTrue(commands(first.collect(), "history").isEmpty(), "existing history is the baseline");
        Files.writeString(hist, "ls -la\n#1700000000\ngit status\npartial", StandardOpenOption.APPEND);
        List<JsonObject> got = commands(first.collect(), "history");
        assertEquals(List.of("ls -la", "git status"), got.stream().map(o -> o.getString("command")).toList());
        assertEquals(1700000000L, got.get(1).getJsonNumber("started_at").longValue());
        assertFalse(got.get(0).containsKey("pid"));

        // Restart: a new collector with the same state directory resumes at the saved offset.
        CommandCollector second = collector(homes, 500);
        second.collect();
        Files.writeString(hist, " line\n", StandardOpenOption.APPEND);
        assertEquals(List.of("partial line"), commands(second.collect(), "history").stream().map(o -> o.getString("command")).toList());

        // Truncation: the file starts over.
        Files.writeString(hist, "after truncate\n");
        assertEquals(List.of("after truncate"), commands(second.collect(), "history").stream().map(o -> o.getString("command")).toList());

        // Rotation: a new file (new inode) is read from the start.
        Path zsh = home.resolve(".zsh_history");
        Files.writeString(zsh, ": 1700000100:0;make test\n");
        List<JsonObject> z = commands(second.collect(), "history");
        assertEquals("make test", z.get(0).getString("command"));
        assertEquals(1700000100L, z.get(0).getJsonNumber("started_at").longValue());
        Path tmp = home.resolve("rotated");
        Files.writeString(tmp, "rotated one\n");
        Files.move(tmp, hist, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertEquals(List.of("rotated one"), commands(second.collect(), "history").stream().map(o -> o.getString("command")).toList());
    }

    @Test
    void capLimitsASnapshotAndCountsTheRest() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home/bob"));
        Path hist = home.resolve(".bash_history");
        Files.writeString(hist, "");
        CommandCollector c = collector(dir.resolve("home"), 3);
        c.collect();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            sb.append("echo ").append(i).append('\n');
        }
        Files.writeString(hist, sb.toString(), StandardOpenOption.APPEND);
        Map<String, JsonValue> out = c.collect();
        assertTrue(((JsonArray) out.get("commands")).size() <= 3);
        assertTrue(c.dropped() >= 7);
    }
}
