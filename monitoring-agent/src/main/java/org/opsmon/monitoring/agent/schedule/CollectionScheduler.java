package org.opsmon.monitoring.agent.schedule;

import jakarta.json.JsonValue;
import java.io.Closeable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.opsmon.monitoring.agent.collect.Collector;

/**
 * Runs every collector on its own interval and under its own timeout, and hands the results of
 * one round to the snapshot. A collector that can block gets a thread of its own; the ones that
 * only read kernel counters share one thread, which is handed over to a hung run if one of them
 * hangs after all (see {@link Lane}). The caller's thread only starts runs and
 * waits a bounded time for them, so a slow or hung collector costs the snapshot at most that
 * wait and never delays the others.
 */
public final class CollectionScheduler implements Closeable {

    private final List<CollectorSlot> slots = new ArrayList<>();
    private final List<Lane> lanes = new ArrayList<>();
    private Lane shared;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "collector-timeouts");
        t.setDaemon(true);
        return t;
    });

    /** Disabled collectors (interval zero) are simply not added. */
    public void add(Collector collector, Duration interval, Duration timeout) {
        if (!interval.isZero()) {
            slots.add(new CollectorSlot(collector, interval, timeout, laneFor(collector), timer));
        }
    }

    private Lane laneFor(Collector collector) {
        if (collector.mayBlock()) {
            Lane own = new Lane("collector-" + collector.name());
            lanes.add(own);
            return own;
        }
        if (shared == null) {
            shared = new Lane("collector-shared");
            lanes.add(shared);
        }
        return shared;
    }

    public List<String> names() {
        List<String> names = new ArrayList<>();
        slots.forEach(s -> names.add(s.collector.name()));
        return names;
    }

    /**
     * Starts the collectors that are due and waits for them until {@code settle} has passed.
     * Returns everything that completed since the previous round.
     */
    public Round runRound(Duration settle) throws InterruptedException {
        long now = System.nanoTime();
        List<CollectorSlot> started = new ArrayList<>();
        for (CollectorSlot s : slots) {
            if (s.startIfDue(now)) {
                started.add(s);
            }
        }
        long deadline = now + settle.toNanos();
        for (CollectorSlot s : started) {
            s.awaitIdle(Math.min(deadline, now + s.timeoutNanos));
        }
        long after = System.nanoTime();
        for (CollectorSlot s : started) {
            s.expireIfOverdue(after);
        }
        Map<String, JsonValue> sections = new LinkedHashMap<>();
        List<CollectorStatus> statuses = new ArrayList<>();
        for (CollectorSlot s : slots) {
            s.drainInto(sections, statuses);
        }
        return new Round(sections, statuses);
    }

    @Override
    public void close() {
        lanes.forEach(Lane::shutdown);
        timer.shutdownNow();
    }

    /** The sections and statuses one snapshot carries. */
    public record Round(Map<String, JsonValue> sections, List<CollectorStatus> statuses) {
    }
}
