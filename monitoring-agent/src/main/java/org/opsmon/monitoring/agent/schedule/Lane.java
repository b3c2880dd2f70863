package org.opsmon.monitoring.agent.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The thread collector runs execute on: one per collector that can block, one shared by the
 * collectors that only read kernel counters (a thread costs the agent stack, malloc arena and
 * JVM bookkeeping; five cheap readers do not need five of them). When a run on the lane overruns
 * its timeout the lane leaves the current thread to that run and moves every queued run to a
 * fresh thread, so a collector that hangs after all pins only its own thread and the others
 * keep their schedule.
 */
final class Lane {

    private final String threadName;
    private ThreadPoolExecutor current;

    Lane(String threadName) {
        this.threadName = threadName;
        this.current = newExecutor();
    }

    /** Queues a run; returns the executor it went to, which {@link #abandon} needs. */
    synchronized ThreadPoolExecutor execute(Runnable run) {
        current.execute(run);
        return current;
    }

    /**
     * A run submitted to {@code stuck} overran its timeout. Unless that has already been handled,
     * the queued runs move to a new thread; the stuck thread finishes its run and then ends.
     */
    synchronized void abandon(ThreadPoolExecutor stuck) {
        if (stuck != current) {
            return;
        }
        current = newExecutor();
        List<Runnable> queued = new ArrayList<>();
        stuck.getQueue().drainTo(queued);
        // shutdown, not shutdownNow: the thread may be busy with a slow run that is still within its own timeout.
        stuck.shutdown();
        queued.forEach(current::execute);
    }

    synchronized void shutdown() {
        current.shutdownNow();
    }

    private ThreadPoolExecutor newExecutor() {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }
}
