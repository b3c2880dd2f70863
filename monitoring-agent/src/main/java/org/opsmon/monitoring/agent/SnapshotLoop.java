package org.opsmon.monitoring.agent;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.opsmon.monitoring.agent.collect.Fields;
import org.opsmon.monitoring.agent.commands.CommandCollector;
import org.opsmon.monitoring.agent.delivery.DeadLetters;
import org.opsmon.monitoring.agent.schedule.CollectionScheduler;
import org.opsmon.monitoring.agent.schedule.SnapshotBuilder;
import org.opsmon.monitoring.agent.schedule.SnapshotSplitter;
import org.opsmon.monitoring.agent.spool.SequenceFile;
import org.opsmon.monitoring.agent.spool.Spool;

/**
 * One snapshot per interval, appended to the spool (with continuations when its commands would
 * make it larger than a snapshot may be, see {@link SnapshotSplitter}). The loop only ever writes to disk, so a slow
 * or absent server never delays or loses a snapshot; delivery drains the spool on its own thread.
 * Ticks keep a fixed rate: a late round does not shift the ones after it.
 */
final class SnapshotLoop {

    private static final Logger LOG = Logger.getLogger(SnapshotLoop.class.getName());

    private final CollectionScheduler scheduler;
    private final CommandCollector commands;
    /** Null for {@code --once}, which has neither spool nor delivery. */
    private final Spool spool;
    /** Null for {@code --once}. */
    private final DeadLetters deadLetters;
    private final SnapshotSplitter splitter;

    SnapshotLoop(CollectionScheduler scheduler, CommandCollector commands, Spool spool, DeadLetters deadLetters) {
        this.scheduler = scheduler;
        this.commands = commands;
        this.spool = spool;
        this.deadLetters = deadLetters;
        this.splitter = new SnapshotSplitter(SnapshotSplitter.MAX_BYTES, commands::countTruncated);
    }

    /** Runs until {@code stop} opens. */
    void run(Duration interval, SequenceFile seq, CountDownLatch stop) throws IOException, InterruptedException {
        long intervalNanos = interval.toNanos();
        Duration settle = Duration.ofNanos(Math.min(intervalNanos / 2, TimeUnit.SECONDS.toNanos(5)));
        long next = System.nanoTime();
        while (stop.getCount() > 0) {
            CollectionScheduler.Round round = scheduler.runRound(settle);
            long id = seq.next();
            try {
                for (SnapshotSplitter.Part part : splitter.split(System.currentTimeMillis(), id, round, agentSection(),
                        () -> nextSeq(seq))) {
                    spool.append(part.seq(), part.json());
                }
            } catch (IOException | UncheckedIOException e) {
                LOG.severe("cannot write to the spool " + spool.directory() + ": " + e.getMessage());
            }
            next += intervalNanos;
            long now = System.nanoTime();
            if (next - now < 0) {
                next = now + intervalNanos;
            }
            stop.await(next - now, TimeUnit.NANOSECONDS);
        }
    }

    private static long nextSeq(SequenceFile seq) {
        try {
            return seq.next();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonObject snapshot(long seq, CollectionScheduler.Round round) {
        return SnapshotBuilder.build(System.currentTimeMillis(), seq, round, agentSection());
    }

    /** The snapshot's {@code agent} section: the agent's account of itself. Its counters belong here. */
    private JsonObject agentSection() {
        JsonObjectBuilder agent = Fields.object().add("version", Agent.VERSION);
        if (spool != null) {
            agent.add("spool_bytes", spool.bytes())
                    .add("spool_pending", spool.pending())
                    .add("spool_evicted", spool.evicted())
                    .add("spool_corrupt", spool.corrupt());
        }
        agent.add("commands_dropped", commands.dropped())
                .add("commands_truncated", commands.truncated());
        if (deadLetters != null) {
            agent.add("snapshots_rejected", deadLetters.rejected())
                    .add("dead_lettered", deadLetters.deadLettered());
        }
        return agent.build();
    }
}
