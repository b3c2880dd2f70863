package org.opsmon.monitoring.agent.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandCollectorTest {

    @TempDir
    Path dir;

    /** History tests read an empty /proc of their own, so processes elsewhere on the host cannot take their room. */
    private CommandCollector historyCollector(Path homes, int cap) throws Exception {
        return new CommandCollector(fakeProc(1_700_000_000L), Path.of("/etc/passwd"), List.of(homes), List.of(),
                dir.resolve("history-offsets.properties"), cap, 100, () -> System.currentTimeMillis() / 1000);
    }

    /** An empty ~/.bash_history for {@code user}, already taken as the baseline by {@code collector}'s first run. */
    private Path emptyHistory(String user) throws Exception {
        Path home = Files.createDirectories(dir.resolve("home").resolve(user));
        return Files.writeString(home.resolve(".bash_history"), "");
    }

    private CommandCollector pastBaseline(int cap) throws Exception {
        CommandCollector c = historyCollector(dir.resolve("home"), cap);
        c.collect();
        return c;
    }

    private Path fakeProc(long btime) throws Exception {
        Path proc = Files.createDirectories(dir.resolve("proc"));
        Files.writeString(proc.resolve("stat"), "cpu  10 0 10 100 0 0 0 0 0 0\nintr 1 2 3\nbtime " + btime + "\nprocesses 9\n");
        return proc;
    }

    private static void fakeProcess(Path proc, long pid, long startTicks, int uid, String... argv) throws Exception {
        Path p = Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(p.resolve("cmdline"), String.join("\0", argv) + "\0");
        Files.writeString(p.resolve("status"), "Name:\tx\nUid:\t" + uid + "\t" + uid + "\t" + uid + "\t" + uid + "\n");
        Files.writeString(p.resolve("stat"), pid + " (x) S 1 " + pid + " " + pid + " 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 "
                + startTicks + " 0 0\n");
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

    private static List<String> history(CommandCollector c) throws Exception {
        return commands(c.collect(), "history").stream().map(o -> o.getString("command")).toList();
    }

    @Test
    void newProcessIsReportedOnceWithUserAndCommandLine() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        CommandCollector c = new CommandCollector(Path.of("/proc"), Path.of("/etc/passwd"), List.of(home), List.of(),
                dir.resolve("history-offsets.properties"), 500, 100, () -> System.currentTimeMillis() / 1000);
        c.collect();
        // The agent skips its own children (e.g. nvidia-smi), so the user command is started one level down.
        Process grand = new ProcessBuilder("sh", "-c", "sleep 6.5 & wait").start();
        try {
            JsonObject sleeper = null;
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (sleeper == null && System.nanoTime() < deadline) {
                sleeper = commands(c.collect(), "process").stream().filter(o -> o.getString("command").equals("sleep 6.5"))
                        .findFirst().orElse(null);
            }
            assertTrue(sleeper != null, "new process not reported");
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

        CommandCollector first = historyCollector(homes, 500);
        assertTrue(history(first).isEmpty(), "existing history is the baseline");
        Files.writeString(hist, "ls -la\n#1700000000\ngit status\npartial", StandardOpenOption.APPEND);
        List<JsonObject> got = commands(first.collect(), "history");
        assertEquals(List.of("ls -la", "git status"), got.stream().map(o -> o.getString("command")).toList());
        assertEquals(1700000000L, got.get(1).getJsonNumber("started_at").longValue());
        assertFalse(got.get(0).containsKey("pid"));

        // Restart: a new collector with the same state directory resumes at the saved offset.
        CommandCollector second = historyCollector(homes, 500);
        second.collect();
        Files.writeString(hist, " line\n", StandardOpenOption.APPEND);
        assertEquals(List.of("partial line"), history(second));

        // Truncation: the file starts over.
        Files.writeString(hist, "after truncate\n");
        assertEquals(List.of("after truncate"), history(second));

        // Rotation: a new file (new inode) is read from the start.
        Path zsh = home.resolve(".zsh_history");
        Files.writeString(zsh, ": 1700000100:0;make test\n");
        List<JsonObject> z = commands(second.collect(), "history");
        assertEquals("make test", z.get(0).getString("command"));
        assertEquals(1700000100L, z.get(0).getJsonNumber("started_at").longValue());
        Path tmp = home.resolve("rotated");
        Files.writeString(tmp, "rotated one\n");
        Files.move(tmp, hist, StandardCopyOption.REPLACE_EXISTING);
        assertEquals(List.of("rotated one"), history(second));
    }

    @Test
    void historyBeyondTheCapWaitsForTheNextRunInsteadOfBeingDropped() throws Exception {
        Path hist = emptyHistory("bob");
        CommandCollector c = pastBaseline(3);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            sb.append("echo ").append(i).append('\n');
        }
        Files.writeString(hist, sb.toString(), StandardOpenOption.APPEND);
        List<String> all = new ArrayList<>();
        for (int run = 0; run < 4; run++) {
            List<String> got = history(c);
            assertTrue(got.size() <= 3, "a run stays within the cap: " + got);
            all.addAll(got);
        }
        assertEquals(List.of("echo 0", "echo 1", "echo 2", "echo 3", "echo 4", "echo 5", "echo 6", "echo 7", "echo 8",
                "echo 9"), all);
        assertEquals(0, c.dropped());
    }

    @Test
    void aHugeHistoryIsReadInBoundedStepsAndEachStepIsSaved() throws Exception {
        Path hist = emptyHistory("carol");
        Path homes = dir.resolve("home");
        pastBaseline(500);
        // About 2.5 MiB: the old reader turned a whole MiB into events before the cap applied.
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 200_000; i++) {
            sb.append("make target-").append(i).append('\n');
        }
        Files.writeString(hist, sb.toString(), StandardOpenOption.APPEND);

        CommandCollector c = historyCollector(homes, 500);
        List<String> first = history(c);
        assertEquals(500, first.size());
        assertEquals("make target-0", first.get(0));
        assertEquals("make target-499", first.get(499));
        long saved = savedOffset();
        assertEquals(Files.readString(hist).indexOf("make target-500"), saved, "offset saved right after the run");

        // A restart (say after a crash) continues from the saved offset: nothing twice, nothing lost.
        CommandCollector restarted = historyCollector(homes, 500);
        List<String> next = history(restarted);
        assertEquals("make target-500", next.get(0));
        assertEquals(500, next.size());
        assertEquals(0, restarted.dropped());
    }

    private long savedOffset() throws Exception {
        String line = Files.readAllLines(dir.resolve("history-offsets.properties")).stream()
                .filter(l -> l.contains("carol")).findFirst().orElseThrow();
        return Long.parseLong(line.substring(line.lastIndexOf(':') + 1));
    }

    @Test
    void controlCharactersAndOverLongLinesAreRewrittenAndCounted() throws Exception {
        Path hist = emptyHistory("dave");
        CommandCollector c = pastBaseline(500);
        String huge = "x".repeat(100_000);
        Files.writeString(hist, "echo a\0b\u0007\n" + "ok\tfine\n" + "cat " + huge + "\n" + "after\n",
                StandardOpenOption.APPEND);
        List<String> got = new ArrayList<>();
        for (int run = 0; run < 4; run++) {
            got.addAll(history(c));
        }
        assertEquals(4, got.size(), "one event per line, the long line's tail is not a command: " + got.size());
        assertEquals("echo a\uFFFDb\uFFFD", got.get(0));
        assertEquals("ok\tfine", got.get(1), "TAB is allowed");
        assertEquals(4096, got.get(2).length());
        assertTrue(got.get(2).startsWith("cat xxx"));
        assertEquals("after", got.get(3));
        assertEquals(2, c.truncated());
    }

    @Test
    void aFutureTimestampIsReportedAsNow() throws Exception {
        Path hist = emptyHistory("erin");
        CommandCollector c = pastBaseline(500);
        Files.writeString(hist, "#999999999999\nrm -rf /tmp/x\n", StandardOpenOption.APPEND);
        long before = System.currentTimeMillis() / 1000;
        JsonObject e = commands(c.collect(), "history").get(0);
        long at = e.getJsonNumber("started_at").longValue();
        assertTrue(at >= before && at <= System.currentTimeMillis() / 1000, "started_at " + at);
    }

    @Test
    void bootTimeIsReadEveryScanAndStartTimesNeverPassTheClock() throws Exception {
        long btime = 1_700_000_000L;
        Path proc = fakeProc(btime);
        Path passwd = Files.writeString(dir.resolve("passwd"), "alice:x:1000:1000::/home/alice:/bin/sh\n");
        AtomicLong clock = new AtomicLong(btime + 100_000);
        CommandCollector c = new CommandCollector(proc, passwd, List.of(), List.of(), null, 500, 100, clock::get);
        fakeProcess(proc, 900_001, 0, 1000, "init-ish");
        assertTrue(c.collect().isEmpty(), "processes present at the first scan are the baseline");

        fakeProcess(proc, 900_002, 1_000, 1000, "sleep", "10");
        JsonObject p = commands(c.collect(), "process").get(0);
        assertEquals("sleep 10", p.getString("command"));
        assertEquals("alice", p.getString("user"));
        assertEquals(btime + 10, p.getJsonNumber("started_at").longValue());
        assertEquals(900_002, p.getJsonNumber("pid").longValue());

        // The wall clock is stepped back an hour: the kernel's btime moves with it.
        fakeProc(btime - 3_600);
        fakeProcess(proc, 900_003, 2_000, 1000, "vim");
        assertEquals(btime - 3_600 + 20, commands(c.collect(), "process").get(0).getJsonNumber("started_at").longValue());

        // Whatever the sources say, a start time is never later than the collector's own clock.
        clock.set(btime - 3_600 + 25);
        fakeProcess(proc, 900_004, 3_000, 1000, "top");
        assertEquals(btime - 3_600 + 25, commands(c.collect(), "process").get(0).getJsonNumber("started_at").longValue());
    }

    @Test
    void aForkIsReportedOnlyOnceItRunsAProgramOfItsOwn() throws Exception {
        Path proc = fakeProc(1_700_000_000L);
        CommandCollector c = new CommandCollector(proc, dir.resolve("no-passwd"), List.of(), List.of(), null, 500, 100,
                () -> 1_800_000_000L);
        fakeProcess(proc, 900_020, 50, 1000, "bash");
        c.collect();
        // Between fork and exec the child still shows its parent's command line.
        fakeProcess(proc, 900_021, 100, 1000, "bash");
        Files.writeString(proc.resolve("900021").resolve("stat"),
                "900021 (bash) S 900020 900021 900021 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 100 0 0\n");
        assertTrue(commands(c.collect(), "process").isEmpty(), "a fork that has not exec'd is no command");
        Files.writeString(proc.resolve("900021").resolve("cmdline"), "ls\0-l\0");
        List<JsonObject> after = commands(c.collect(), "process");
        assertEquals(1, after.size(), after.toString());
        assertEquals("ls -l", after.get(0).getString("command"));
        assertTrue(commands(c.collect(), "process").isEmpty(), "reported once");
    }

    @Test
    void aProcessCommandLineWithANewlineObeysTheTextRule() throws Exception {
        Path proc = fakeProc(1_700_000_000L);
        CommandCollector c = new CommandCollector(proc, dir.resolve("no-passwd"), List.of(), List.of(), null, 500, 100,
                () -> 1_800_000_000L);
        c.collect();
        fakeProcess(proc, 900_010, 100, 4321, "sh", "-c", "echo one\necho two", "y".repeat(20_000));
        JsonObject p = commands(c.collect(), "process").get(0);
        assertTrue(p.getString("command").startsWith("sh -c echo one\uFFFDecho two y"), p.getString("command").substring(0, 30));
        assertEquals(4096, p.getString("command").length());
        assertEquals("4321", p.getString("user"), "an unknown uid is reported as a number");
        assertEquals(1, c.truncated());
    }

    @Test
    void linksToFilesOutsideTheHomeAreNotRead() throws Exception {
        Path secret = Files.writeString(dir.resolve("shadow"), "root:$6$secret-hash:19000::::::\n");
        Path homes = dir.resolve("home");
        Path linked = Files.createDirectories(homes.resolve("mallory"));
        Path honest = Files.createDirectories(homes.resolve("trent"));
        Files.writeString(honest.resolve(".bash_history"), "");
        Files.createSymbolicLink(linked.resolve(".bash_history"), secret);
        boolean hardLinks = true;
        Path other = Files.createDirectories(homes.resolve("oscar"));
        try {
            // A hard link has the target's owner: root here, not the home's owner.
            Files.setAttribute(other, "unix:uid", 4242);
            Files.createLink(other.resolve(".zsh_history"), secret);
        } catch (UnsupportedOperationException | java.io.IOException e) {
            hardLinks = false;
        }
        // No state yet would make everything present the baseline: start from an empty state instead.
        Files.writeString(dir.resolve("history-offsets.properties"), "# none yet\n");
        CommandCollector c = historyCollector(homes, 500);
        Files.writeString(secret, "root:$6$another-hash:19001::::::\n", StandardOpenOption.APPEND);
        Files.writeString(honest.resolve(".bash_history"), "uptime\n", StandardOpenOption.APPEND);
        List<String> got = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            got.addAll(history(c));
        }
        assertEquals(List.of("uptime"), got, "only the honest history is read (hard links tested: " + hardLinks + ")");
    }
}
