package org.opsmon.monitoring.live.control;

import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One open live session: its credential, the request it is reading, and its {@link SendQueue}.
 * Every frame for it, broadcast or reply, goes through {@link #send}, which never waits: the
 * frame is written at once with the container's asynchronous send when nothing is in flight,
 * queued otherwise, and the completion of one write starts the next.
 *
 * <p>A completed write only means the container took the frame: it buffers megabytes for a
 * client that stopped reading before its writes stall. How far behind a client really is shows
 * in its answers to pings, which the sweep queues behind the frames like any other write and
 * which every WebSocket client answers by itself once it has read up to them. A ping that stays
 * unanswered for the send timeout means the client is at least that far behind (or gone), however
 * much the layers below still buffer ({@link Pings}). A full queue, a failed write, a write in
 * flight for too long or an unanswered ping hands the client to {@link LiveClients} to be dropped.
 */
public final class LiveClient {

    /**
     * The context class loader a write runs under. Payara's WebSocket layer schedules a task on a
     * managed executor for every message sent (to restart the session's idle timer, even when
     * there is none), and capturing the context of each such task looks its providers up with a
     * ServiceLoader over the thread's context class loader: through the application's loader that
     * scans every jar of the WAR and the server, which profiling showed as most of the server's
     * CPU when frames fan out to many clients. A loader that sees only the JDK makes that look-up
     * cheap; nothing a write does needs the application's classes.
     */
    private static final ClassLoader JDK_ONLY = new ClassLoader(ClassLoader.getPlatformClassLoader()) {
    };

    private final Session session;
    private final LiveCredential credential;
    private final SendQueue<Object> queue;
    private final RequestText request;
    private final LiveClients owner;
    private final WriteBudget<LiveClient> budget;
    private final SendHandler written = this::written;
    /** The frame or ping whose turn it is, while this client waits for a write permit. */
    private Object held;
    /** True while a write of this client holds a permit; whoever clears it returns the permit. */
    private final AtomicBoolean permit = new AtomicBoolean();
    private final Pings pings = new Pings(System.nanoTime());
    /** The application's class loader, as the session was opened under it. */
    private final ClassLoader application = Thread.currentThread().getContextClassLoader();

    LiveClient(Session session, LiveCredential credential, int queueFrames, int maxRequestBytes, LiveClients owner,
            WriteBudget<LiveClient> budget) {
        this.session = session;
        this.budget = budget;
        this.credential = credential;
        this.queue = new SendQueue<>(queueFrames);
        this.request = new RequestText(maxRequestBytes);
        this.owner = owner;
    }

    Session session() {
        return session;
    }

    LiveCredential credential() {
        return credential;
    }

    SendQueue<Object> queue() {
        return queue;
    }

    /** The request text once its last part arrived; parts come one at a time per session. */
    String request(String part, boolean last) {
        return request.add(part, last);
    }

    /** Writes the frame now, or queues it; never blocks. */
    void send(String frame) {
        offer(frame);
    }

    /** Queues a ping behind what waits when one is due (every {@code intervalNanos}). */
    void pingIfDue(long nanoTime, long intervalNanos) {
        Pings.Ping ping = pings.due(nanoTime, intervalNanos);
        if (ping != null) {
            offer(ping);
        }
    }

    /** A pong: the client has read everything sent before the ping it answers. */
    void pong(ByteBuffer payload) {
        pings.answer(payload);
    }

    /** True when a ping queued more than {@code timeoutNanos} ago is still unanswered. */
    boolean lagging(long nanoTime, long timeoutNanos) {
        return pings.overdue(nanoTime, timeoutNanos);
    }

    private void offer(Object item) {
        switch (queue.offer(item, System.nanoTime())) {
            case SEND_NOW -> write(item);
            case FULL -> owner.tooSlow(this, "too slow: " + queue.capacity()
                    + " frames behind (monitoring.live.queue.frames)");
            case QUEUED, CLOSED -> {
                // waits for the write in flight, or the client was dropped already
            }
        }
    }

    /** Writes the item whose turn it is once the server-wide budget gives a permit. */
    private void write(Object item) {
        synchronized (this) {
            held = item;
        }
        if (budget.acquireOrWait(this)) {
            resume();
        }
    }

    /** This client holds a permit: writes what it held aside, or hands the permit on. */
    void resume() {
        Object item;
        synchronized (this) {
            item = held;
            held = null;
        }
        if (item == null || queue.closed()) {
            budget.release(); // dropped while it waited: the permit goes on
        } else {
            transmit(item);
        }
    }

    private void transmit(Object item) {
        permit.set(true);
        Thread thread = Thread.currentThread();
        ClassLoader context = thread.getContextClassLoader();
        boolean sent;
        thread.setContextClassLoader(JDK_ONLY);
        try {
            if (item instanceof Pings.Ping ping) {
                session.getAsyncRemote().sendPing(ping.bytes());
            } else {
                session.getAsyncRemote().sendText((String) item, written);
            }
            sent = true;
        } catch (IOException | RuntimeException closedMeanwhile) {
            sent = false;
        } finally {
            thread.setContextClassLoader(context);
        }
        if (!sent) {
            returnPermit();
            owner.gone(this);
        } else if (item instanceof Pings.Ping) {
            returnPermit();
            next(); // a ping completes as its call returns: the container queues it like any frame
        }
    }

    /**
     * The session ended: a write the container will never complete (a dead peer) must not keep
     * its permit, or the budget would shrink with every such client.
     */
    void ended() {
        returnPermit();
    }

    private void returnPermit() {
        if (permit.compareAndSet(true, false)) {
            budget.release();
        }
    }

    private void written(SendResult result) {
        returnPermit();
        if (result.isOK()) {
            next();
            return;
        }
        // Possibly called inside write, under JDK_ONLY: the close that follows runs as the application.
        Thread thread = Thread.currentThread();
        ClassLoader context = thread.getContextClassLoader();
        thread.setContextClassLoader(application);
        try {
            owner.gone(this);
        } finally {
            thread.setContextClassLoader(context);
        }
    }

    private void next() {
        Object next = queue.written(System.nanoTime());
        if (next != null) {
            write(next);
        }
    }
}
