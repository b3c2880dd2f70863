package org.opsmon.monitoring.agent.commands;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.opsmon.monitoring.agent.text.TextRule;

/**
 * Detects processes that appeared since the previous scan. A pid alone is not an identity (pids
 * are recycled), so a process is keyed by pid plus its start time in clock ticks. Only one small
 * /proc/PID/stat read per process per scan; command line and owner are read for new ones only.
 * The first scan is a baseline: what already ran before the agent started is not "new".
 * Processes that start and end between two scans are invisible here; shell history covers those.
 * A start time is boot time plus ticks since boot, and the kernel's boot time ({@code btime}) is
 * derived from the wall clock: when the clock is stepped it moves, so it is read on every scan
 * rather than remembered from the first one.
 */
final class ProcessWatch {

    /** PF_KTHREAD from the kernel's sched.h: set on kernel threads, which no user ran. */
    private static final long PF_KTHREAD = 0x00200000L;
    /** UTF-8 takes at most 4 bytes a character, so this holds every character the command limit keeps. */
    private static final int MAX_CMDLINE_BYTES = TextRule.MAX_COMMAND * 4;

    private final Path proc;
    private final UserNames users;
    private final long hz;
    private final long selfPid;
    private Map<Long, Long> known;

    ProcessWatch(Path proc, UserNames users, long hz) {
        this.proc = proc;
        this.users = users;
        this.hz = hz > 0 ? hz : 100;
        this.selfPid = ProcessHandle.current().pid();
    }

    List<CommandEvent> scan() throws IOException {
        long bootEpoch = readBootTime();
        Map<Long, Long> current = new HashMap<>();
        Map<Long, String> parents = new HashMap<>();
        List<CommandEvent> fresh = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(proc, p -> isNumeric(p.getFileName().toString()))) {
            for (Path dir : dirs) {
                long pid = Long.parseLong(dir.getFileName().toString());
                String stat = readOrNull(dir.resolve("stat"));
                if (stat == null) {
                    continue;
                }
                int close = stat.lastIndexOf(')');
                if (close < 0) {
                    continue;
                }
                String[] f = stat.substring(close + 2).split(" ");
                if (f.length < 20) {
                    continue;
                }
                long ppid = Long.parseLong(f[1]);
                long flags = Long.parseLong(f[6]);
                long startTicks = Long.parseLong(f[19]);
                if ((flags & PF_KTHREAD) != 0 || pid == 2 || ppid == 2) {
                    continue;
                }
                current.put(pid, startTicks);
                if (known == null || pid == selfPid || ppid == selfPid) {
                    continue;
                }
                Long before = known.get(pid);
                if (before != null && before == startTicks) {
                    continue;
                }
                String command = commandLine(dir, stat);
                int uid = realUid(dir);
                if (command == null || uid < 0) {
                    continue;
                }
                if (command.equals(parents.computeIfAbsent(ppid, this::parentCommand))) {
                    // Forked and not (yet) exec'd: its parent's program, not a command someone ran.
                    // Seen afresh next scan, so one that execs in between is reported then.
                    current.remove(pid);
                    continue;
                }
                fresh.add(new CommandEvent(users.nameOf(uid), command, bootEpoch + startTicks / hz, pid, "process"));
            }
        }
        known = current;
        fresh.sort((a, b) -> Long.compare(a.startedAt(), b.startedAt()));
        return fresh;
    }

    private String parentCommand(long ppid) {
        Path dir = proc.resolve(Long.toString(ppid));
        String stat = readOrNull(dir.resolve("stat"));
        String command = stat == null ? null : commandLine(dir, stat);
        return command == null ? "" : command;
    }

    private String commandLine(Path dir, String stat) {
        byte[] raw;
        try (InputStream in = Files.newInputStream(dir.resolve("cmdline"))) {
            // Arguments may fill megabytes; only what survives the command limit is read.
            raw = in.readNBytes(MAX_CMDLINE_BYTES);
        } catch (IOException e) {
            return null;
        }
        int end = raw.length;
        while (end > 0 && raw[end - 1] == 0) {
            end--;
        }
        if (end == 0) {
            // No argv (e.g. a zombie): fall back to the kernel's short name, as ps does.
            int open = stat.indexOf('(');
            int close = stat.lastIndexOf(')');
            return open >= 0 && close > open ? "[" + stat.substring(open + 1, close) + "]" : null;
        }
        for (int i = 0; i < end; i++) {
            if (raw[i] == 0) {
                raw[i] = ' ';
            }
        }
        return new String(raw, 0, end, StandardCharsets.UTF_8);
    }

    private int realUid(Path dir) {
        String status = readOrNull(dir.resolve("status"));
        if (status == null) {
            return -1;
        }
        for (String line : status.split("\n")) {
            if (line.startsWith("Uid:")) {
                String[] f = line.substring(4).trim().split("\\s+");
                return Integer.parseInt(f[0]);
            }
        }
        return -1;
    }

    /** One line read per scan: /proc/stat is generated on read, and btime comes after the per-CPU lines. */
    private long readBootTime() throws IOException {
        try (BufferedReader r = Files.newBufferedReader(proc.resolve("stat"), StandardCharsets.US_ASCII)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("btime ")) {
                    return Long.parseLong(line.substring(6).trim());
                }
            }
        }
        throw new IOException("no btime in " + proc.resolve("stat"));
    }

    private static String readOrNull(Path p) {
        try {
            return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            // The process exited between listing and reading: it is simply gone.
            return null;
        }
    }

    private static boolean isNumeric(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
