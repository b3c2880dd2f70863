package org.opsmon.monitoring.live.control;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayDeque;

/**
 * The pings of one live client that are not answered yet, and when the next one is due. A pong
 * answers the ping whose payload it echoes and every older one, since a client reads and answers
 * in order. Payloads are random, so a client that stopped reading cannot answer a ping it never
 * saw. Pure bookkeeping on {@code System.nanoTime()} readings, safe for the sweep and the
 * container's threads at once.
 */
final class Pings {

    /** More unanswered pings than this: the client is dropped by the sweep long before. */
    static final int MAX_UNANSWERED = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A ping's payload and when it was queued. */
    record Ping(long payload, long queuedAt) {

        ByteBuffer bytes() {
            return ByteBuffer.allocate(Long.BYTES).putLong(0, payload);
        }
    }

    private final ArrayDeque<Ping> unanswered = new ArrayDeque<>();
    private long last;

    /** @param since when the client connected: the first ping is due an interval later */
    Pings(long since) {
        this.last = since;
    }

    /** A new ping to queue if one is due, or null (not due yet, or too many unanswered). */
    synchronized Ping due(long nanoTime, long intervalNanos) {
        if (nanoTime - last < intervalNanos || unanswered.size() >= MAX_UNANSWERED) {
            return null;
        }
        last = nanoTime;
        Ping ping = new Ping(RANDOM.nextLong(), nanoTime);
        unanswered.add(ping);
        return ping;
    }

    /**
     * A pong arrived: it answers the ping it echoes and every older one. A pong that echoes no
     * waiting ping (an unsolicited heartbeat, a forged payload) answers nothing.
     */
    synchronized void answer(ByteBuffer payload) {
        if (payload.remaining() != Long.BYTES) {
            return;
        }
        long echoed = payload.getLong(payload.position());
        if (unanswered.stream().noneMatch(p -> p.payload() == echoed)) {
            return;
        }
        Ping answered;
        do {
            answered = unanswered.poll();
        } while (answered != null && answered.payload() != echoed);
    }

    /** True when a ping queued more than {@code timeoutNanos} ago is still unanswered. */
    synchronized boolean overdue(long nanoTime, long timeoutNanos) {
        Ping oldest = unanswered.peek();
        return oldest != null && nanoTime - oldest.queuedAt() > timeoutNanos;
    }

    synchronized int unanswered() {
        return unanswered.size();
    }
}
