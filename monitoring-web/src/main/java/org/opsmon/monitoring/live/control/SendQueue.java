package org.opsmon.monitoring.live.control;

import java.util.ArrayDeque;

/**
 * The frames waiting for one live client, and the one frame being written to it. At most one
 * write is in flight per client: the next one starts when the container reports the previous one
 * written, so a client that reads slowly holds its own frames back and nobody else's. Two bounds
 * decide when such a client is given up: the queue's capacity (it fell that many frames behind)
 * and the age of the write in flight (the container could not hand one frame to the socket within
 * the send timeout: the client stopped reading, or its connection is dead without having said so).
 * Frames are shared, already encoded texts: a queued frame costs a reference, not a copy.
 *
 * @param <F> what is written: a frame, or a ping
 *
 * <p>Pure bookkeeping, safe for concurrent broadcasters and the container's completion threads;
 * whoever gets {@link Offer#SEND_NOW} or a frame from {@link #written} starts that write, outside
 * any lock, so no thread ever waits on a socket here.
 */
final class SendQueue<F> {

    /** What became of an offered frame. */
    enum Offer {
        /** Nothing was in flight: the caller writes this frame now. */
        SEND_NOW,
        /** It waits behind the write in flight. */
        QUEUED,
        /** The queue was full: the client is given up, and the queue is closed. */
        FULL,
        /** The queue was closed earlier; the frame is dropped. */
        CLOSED
    }

    private final int capacity;
    private final ArrayDeque<F> waiting = new ArrayDeque<>();
    private boolean writing;
    private long writingSince;
    private boolean closed;

    SendQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("A send queue holds at least one frame, got " + capacity);
        }
        this.capacity = capacity;
    }

    synchronized Offer offer(F frame, long nanoTime) {
        if (closed) {
            return Offer.CLOSED;
        }
        if (!writing) {
            writing = true;
            writingSince = nanoTime;
            return Offer.SEND_NOW;
        }
        if (waiting.size() >= capacity) {
            close();
            return Offer.FULL;
        }
        waiting.add(frame);
        return Offer.QUEUED;
    }

    /**
     * The write in flight completed: the next frame to write, which is now in flight, or null
     * when none waits (or the queue was closed meanwhile).
     */
    synchronized F written(long nanoTime) {
        F next = closed ? null : waiting.poll();
        writing = next != null;
        writingSince = nanoTime;
        return next;
    }

    /** True when a write has been in flight for longer than {@code timeoutNanos}. */
    synchronized boolean stalled(long nanoTime, long timeoutNanos) {
        return !closed && writing && nanoTime - writingSince > timeoutNanos;
    }

    /** Drops what waits and refuses what comes; true for the call that closed it. */
    synchronized boolean close() {
        boolean first = !closed;
        closed = true;
        waiting.clear();
        return first;
    }

    synchronized boolean closed() {
        return closed;
    }

    synchronized int waiting() {
        return waiting.size();
    }

    int capacity() {
        return capacity;
    }
}
