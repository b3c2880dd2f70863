package org.opsmon.monitoring.agent.commands;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.opsmon.monitoring.agent.collect.Collector;
import org.opsmon.monitoring.agent.collect.Fields;

/**
 * The commands people run on the host: new processes plus new shell history lines. A fork bomb
 * or a build spawning thousands of processes must not blow up a snapshot, so output is capped
 * and what was dropped is counted (reported as {@code agent.commands_dropped}).
 */
public final class CommandCollector implements Collector {

    private final ProcessWatch processes;
    private final HistoryTail history;
    private final int cap;
    private final AtomicLong dropped = new AtomicLong();

    /** @param stateDir where history offsets persist; null keeps them in memory (one-shot runs) */
    public CommandCollector(Path stateDir, int cap, long clockTicksPerSecond) {
        this(Path.of("/proc"), Path.of("/etc/passwd"), List.of(Path.of("/home")), List.of(Path.of("/root")),
                stateDir == null ? null : stateDir.resolve("history-offsets.properties"), cap, clockTicksPerSecond);
    }

    CommandCollector(Path proc, Path passwd, List<Path> homeParents, List<Path> extraHomes, Path stateFile, int cap,
                     long hz) {
        this.processes = new ProcessWatch(proc, new UserNames(passwd), hz);
        this.history = new HistoryTail(homeParents, extraHomes, stateFile, () -> System.currentTimeMillis() / 1000);
        this.cap = cap;
    }

    @Override
    public String name() {
        return "commands";
    }

    @Override
    public synchronized Map<String, JsonValue> collect() throws IOException {
        List<CommandEvent> all = new ArrayList<>(processes.scan());
        all.addAll(history.poll());
        if (all.isEmpty()) {
            return Map.of();
        }
        JsonArrayBuilder out = Fields.array();
        int n = Math.min(cap, all.size());
        for (int i = 0; i < n; i++) {
            out.add(all.get(i).toJson());
        }
        dropped.addAndGet(all.size() - n);
        return Map.of("commands", out.build());
    }

    public long dropped() {
        return dropped.get();
    }
}
