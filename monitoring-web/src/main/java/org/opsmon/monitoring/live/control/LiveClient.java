package org.opsmon.monitoring.live.control;

import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;

/**
 * One open live session: its credential, the request it is reading, and its {@link SendQueue}.
 * Every frame for it, broadcast or reply, goes through {@link #send}, which never waits: the
 * frame is written at once with the container's asynchronous send when nothing is in flight,
 * queued otherwise, and the completion of one write starts the next. A full queue, a failed write
 * or (seen by the sweep) a write that takes too long hands the client to {@link LiveClients} to be
 * dropped.
 */
public final class LiveClient {

    private final Session session;
    private final LiveCredential credential;
    private final SendQueue queue;
    private final RequestText request;
    private final LiveClients owner;
    private final SendHandler written = this::written;

    LiveClient(Session session, LiveCredential credential, int queueFrames, int maxRequestBytes, LiveClients owner) {
        this.session = session;
        this.credential = credential;
        this.queue = new SendQueue(queueFrames);
        this.request = new RequestText(maxRequestBytes);
        this.owner = owner;
    }

    Session session() {
        return session;
    }

    LiveCredential credential() {
        return credential;
    }

    SendQueue queue() {
        return queue;
    }

    /** The request text once its last part arrived; parts come one at a time per session. */
    String request(String part, boolean last) {
        return request.add(part, last);
    }

    /** Writes the frame now, or queues it; never blocks. */
    void send(String frame) {
        switch (queue.offer(frame, System.nanoTime())) {
            case SEND_NOW -> write(frame);
            case FULL -> owner.tooSlow(this, "too slow: " + queue.capacity()
                    + " frames behind (monitoring.live.queue.frames)");
            case QUEUED, CLOSED -> {
                // waits for the write in flight, or the client was dropped already
            }
        }
    }

    private void write(String frame) {
        try {
            session.getAsyncRemote().sendText(frame, written);
        } catch (RuntimeException closedMeanwhile) {
            owner.gone(this);
        }
    }

    private void written(SendResult result) {
        if (!result.isOK()) {
            owner.gone(this);
            return;
        }
        String next = queue.written(System.nanoTime());
        if (next != null) {
            write(next);
        }
    }
}
