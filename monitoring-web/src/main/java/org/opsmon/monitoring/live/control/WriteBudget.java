package org.opsmon.monitoring.live.control;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * How many live writes may be in flight across every client at once. Each write makes the
 * container queue work on its HTTP worker pool, whose task queue is bounded: a thousand clients
 * each taking every frame of a hundred sources once filled it until the selector itself failed,
 * and the server stopped answering agents. With this budget the push only goes as fast as the
 * container completes writes; a client that waits for a permit longer than the send timeout is
 * dropped as too slow like one that stopped reading, so overload sheds live clients, never
 * ingestion. Permits go to waiting clients in arrival order.
 *
 * <p>A client waits here with its next frame held aside ({@link LiveClient}); a released permit
 * passes straight to the longest-waiting client. Completions may run inside the write that caused
 * them, so hand-offs on one thread run one after another instead of nesting ever deeper.
 *
 * @param <C> a client; {@code resume} makes it write what it held aside
 */
final class WriteBudget<C> {

    private static final ThreadLocal<ArrayDeque<Object>> HAND_OFFS = new ThreadLocal<>();

    private final int limit;
    private final Consumer<C> resume;
    private final ArrayDeque<C> waiting = new ArrayDeque<>();
    private int inFlight;

    WriteBudget(int limit, Consumer<C> resume) {
        this.resume = resume;
        if (limit < 1) {
            throw new IllegalArgumentException("At least one live write must be allowed, got " + limit);
        }
        this.limit = limit;
    }

    /** True when the caller may write now; false when it was queued for the next free permit. */
    synchronized boolean acquireOrWait(C client) {
        if (inFlight < limit) {
            inFlight++;
            return true;
        }
        waiting.add(client);
        return false;
    }

    /** A write ended: its permit passes to the longest-waiting client, which then writes. */
    void release() {
        C next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                inFlight--;
                return;
            }
        }
        handOff(next);
    }

    synchronized int inFlight() {
        return inFlight;
    }

    synchronized int waiting() {
        return waiting.size();
    }

    @SuppressWarnings("unchecked")
    private void handOff(C next) {
        ArrayDeque<Object> pending = HAND_OFFS.get();
        if (pending != null) {
            pending.add(next);
            return;
        }
        pending = new ArrayDeque<>();
        HAND_OFFS.set(pending);
        try {
            Object client = next;
            while (client != null) {
                resume.accept((C) client);
                client = pending.poll();
            }
        } finally {
            HAND_OFFS.remove();
        }
    }
}
