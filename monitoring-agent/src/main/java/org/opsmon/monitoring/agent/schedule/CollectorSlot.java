package org.opsmon.monitoring.agent.schedule;

import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.opsmon.monitoring.agent.collect.Collector;

/**
 * One collector with its own interval and timeout, running on a {@link Lane}. A slot never queues
 * a second run while the first is still inside the collector: a collector stuck in the kernel
 * (statvfs on a dead NFS mount ignores interrupts) therefore pins exactly one thread, reports
 * failure on every due tick, and cannot make the agent start threads without bound.
 */
final class CollectorSlot {

    private static final Logger LOG = Logger.getLogger(CollectorSlot.class.getName());
    /**
     * Rounds come at the snapshot interval with some jitter: a collector on the same interval
     * must count as due when a round comes a little early, or it would run every other round.
     */
    private static final long MAX_EARLY_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    final Collector collector;
    final long intervalNanos;
    final long timeoutNanos;
    private final Lane lane;
    private final ScheduledExecutorService timer;

    private long nextDue;
    private boolean inFlight;
    private long runId;
    private long startedNanos;
    private boolean timedOut;
    private Future<?> future;
    private ThreadPoolExecutor submittedTo;
    private boolean started;
    private Map<String, JsonValue> sections = new LinkedHashMap<>();
    private final List<CollectorStatus> statuses = new ArrayList<>();
    private boolean failing;

    CollectorSlot(Collector collector, Duration interval, Duration timeout, Lane lane, ScheduledExecutorService timer) {
        this.collector = collector;
        this.intervalNanos = interval.toNanos();
        this.timeoutNanos = timeout.toNanos();
        this.lane = lane;
        this.timer = timer;
    }

    /** Starts a run when due; returns true if a run was started. */
    synchronized boolean startIfDue(long now) {
        long early = Math.min(intervalNanos / 10, MAX_EARLY_NANOS);
        if (now - (nextDue - early) < 0) {
            return false;
        }
        nextDue = now + intervalNanos;
        if (inFlight) {
            long stuckMs = TimeUnit.NANOSECONDS.toMillis(now - startedNanos);
            statuses.add(new CollectorStatus(collector.name(), false, stuckMs,
                    "previous run still blocked after " + stuckMs + " ms"));
            return false;
        }
        inFlight = true;
        timedOut = false;
        started = false;
        startedNanos = now;
        long id = ++runId;
        FutureTask<Void> task = new FutureTask<>(() -> run(id), null);
        future = task;
        submittedTo = lane.execute(task);
        timer.schedule(() -> expire(id), timeoutNanos, TimeUnit.NANOSECONDS);
        return true;
    }

    private void run(long id) {
        if (!begin(id)) {
            return;
        }
        long t0 = System.nanoTime();
        Map<String, JsonValue> result = null;
        String error = null;
        try {
            result = collector.collect();
        } catch (InterruptedException e) {
            error = "interrupted";
        } catch (Exception | LinkageError e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } finally {
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            finish(id, result, error, ms);
        }
    }

    /** False when the run timed out while still queued behind another collector on a shared lane. */
    private synchronized boolean begin(long id) {
        if (id != runId || timedOut) {
            return false;
        }
        started = true;
        return true;
    }

    private synchronized void finish(long id, Map<String, JsonValue> result, String error, long ms) {
        inFlight = false;
        notifyAll();
        Thread.interrupted();
        if (id != runId || timedOut) {
            LOG.info(() -> "collector " + collector.name() + " returned after " + ms + " ms, past its timeout; result discarded");
            return;
        }
        if (error == null) {
            sections.putAll(result);
            statuses.add(new CollectorStatus(collector.name(), true, ms, null));
            if (failing) {
                LOG.info(() -> "collector " + collector.name() + " recovered");
                failing = false;
            }
        } else {
            statuses.add(new CollectorStatus(collector.name(), false, ms, error));
            logFailure(error);
        }
    }

    /** Lets a round that waited until the timeout report it now rather than one snapshot later. */
    synchronized void expireIfOverdue(long now) {
        if (inFlight && !timedOut && now - startedNanos >= timeoutNanos) {
            expire(runId);
        }
    }

    private synchronized void expire(long id) {
        if (id != runId || !inFlight || timedOut) {
            return;
        }
        timedOut = true;
        long ms = TimeUnit.NANOSECONDS.toMillis(timeoutNanos);
        String error = "timed out after " + ms + " ms";
        statuses.add(new CollectorStatus(collector.name(), false, ms, error));
        logFailure(error);
        if (started) {
            future.cancel(true);
        } else {
            // Never reached the collector, so nothing is pinned: the slot is free for its next due tick.
            inFlight = false;
            notifyAll();
        }
        lane.abandon(submittedTo);
    }

    private void logFailure(String error) {
        if (!failing) {
            LOG.warning(() -> "collector " + collector.name() + " failed: " + error);
            failing = true;
        }
    }

    /** Waits until the current run finishes or the deadline passes. */
    synchronized void awaitIdle(long deadlineNanos) throws InterruptedException {
        while (inFlight) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** Hands over what completed since the last call. */
    synchronized void drainInto(Map<String, JsonValue> sectionsOut, List<CollectorStatus> statusesOut) {
        sectionsOut.putAll(sections);
        statusesOut.addAll(statuses);
        sections = new LinkedHashMap<>();
        statuses.clear();
    }

}
