package org.opsmon.monitoring.agent.commands;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.opsmon.monitoring.agent.collect.Collector;
import org.opsmon.monitoring.agent.collect.Fields;

/**
 * The commands people run on the host: new processes plus new shell history lines. A fork bomb
 * or a build spawning thousands of processes must not blow up a snapshot, so output is capped
 * and processes past the cap are counted (reported as {@code agent.commands_dropped}). History
 * is never dropped: it stays in the files and is read on later runs, so it only gets the room
 * the processes left. Every command obeys the text rule; those it rewrote or cut are counted
 * (reported as {@code agent.commands_truncated}).
 */
public final class CommandCollector implements Collector {

    private final ProcessWatch processes;
    private final HistoryTail history;
    private final int cap;
    private final LongSupplier epochSeconds;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong truncated = new AtomicLong();

    /** @param stateDir where history offsets persist; null keeps them in memory (one-shot runs) */
    public CommandCollector(Path stateDir, int cap, long clockTicksPerSecond) {
        this(Path.of("/proc"), Path.of("/etc/passwd"), List.of(Path.of("/home")), List.of(Path.of("/root")),
                stateDir == null ? null : stateDir.resolve("history-offsets.properties"), cap, clockTicksPerSecond,
                () -> System.currentTimeMillis() / 1000);
    }

    CommandCollector(Path proc, Path passwd, List<Path> homeParents, List<Path> extraHomes, Path stateFile, int cap,
                     long hz, LongSupplier epochSeconds) {
        this.processes = new ProcessWatch(proc, new UserNames(passwd), hz);
        this.history = new HistoryTail(homeParents, extraHomes, stateFile);
        this.cap = cap;
        this.epochSeconds = epochSeconds;
    }

    @Override
    public String name() {
        return "commands";
    }

    @Override
    public synchronized Map<String, JsonValue> collect() throws IOException {
        List<CommandEvent> fresh = processes.scan();
        long now = epochSeconds.getAsLong();
        List<CommandEvent> typed = history.poll(Math.max(0, cap - fresh.size()), now);
        if (fresh.isEmpty() && typed.isEmpty()) {
            return Map.of();
        }
        JsonArrayBuilder out = Fields.array();
        int kept = Math.min(cap, fresh.size());
        add(fresh.subList(0, kept), now, out);
        add(typed, now, out);
        dropped.addAndGet(fresh.size() - kept);
        return Map.of("commands", out.build());
    }

    private void add(List<CommandEvent> events, long now, JsonArrayBuilder out) {
        for (CommandEvent e : events) {
            CommandEvent clean = e.sanitised();
            if (clean != e) {
                truncated.incrementAndGet();
            }
            out.add(clean.toJson(now));
        }
    }

    /** New processes left out because a run saw more than the cap. */
    public long dropped() {
        return dropped.get();
    }

    /** Counts a command cut after collection, to keep its snapshot under the size limit. */
    public void countTruncated() {
        truncated.incrementAndGet();
    }

    /**
     * Commands whose user or command line broke the text rule and were rewritten or cut to obey it,
     * or were cut to fit a snapshot.
     */
    public long truncated() {
        return truncated.get();
    }
}
