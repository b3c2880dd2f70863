package org.opsmon.monitoring.ingest.boundary;

import jakarta.json.bind.Jsonb;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantLock;
import org.opsmon.monitoring.clients.entity.Client;
import org.opsmon.monitoring.platform.boundary.JsonbSettings;

/**
 * One open agent stream: its session, the client it writes for, and the token its handshake
 * presented, kept with this session alone. Everything sent on the session goes through the
 * stream's lock, so the frame in progress and the periodic re-check never write at once, and a
 * stream whose token was found invalid while a frame was being stored ends right after that
 * frame's ack instead of in its middle.
 */
final class AgentStream {

    /** Frames are written with the REST API's JSON-B settings (snake_case names). */
    private static final Jsonb JSON = new JsonbSettings().getContext(StreamAck.class);

    private final Session session;
    private final Client client;
    private final String username;
    private final String token;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile boolean revoked;
    private volatile long lastHeardNanos = System.nanoTime();
    /** Guarded by {@link #lock}: the stream was told why it ends, once. */
    private boolean ended;

    AgentStream(Session session, Client client, String username, String token) {
        this.session = session;
        this.client = client;
        this.username = username;
        this.token = token;
    }

    Session session() {
        return session;
    }

    Client client() {
        return client;
    }

    String username() {
        return username;
    }

    String token() {
        return token;
    }

    /** The agent sent something (a frame or a pong): the connection is alive. */
    void heard() {
        lastHeardNanos = System.nanoTime();
    }

    long silentNanos(long now) {
        return now - lastHeardNanos;
    }

    void revoke() {
        revoked = true;
    }

    boolean revoked() {
        return revoked;
    }

    void lock() {
        lock.lock();
    }

    boolean tryLock() {
        return lock.tryLock();
    }

    void unlock() {
        lock.unlock();
    }

    /** Sends a reply; the caller holds the lock. */
    void send(Record reply) throws IOException {
        if (session.isOpen()) {
            session.getBasicRemote().sendText(JSON.toJson(reply));
        }
    }

    /** Sends a ping the agent's WebSocket answers by itself; the caller holds the lock. */
    void ping() throws IOException {
        if (session.isOpen()) {
            session.getBasicRemote().sendPing(ByteBuffer.allocate(0));
        }
    }

    /** Tells the agent why and closes, at most once; the caller holds the lock. */
    void end(StreamError why, CloseReason.CloseCode code, String reason) {
        if (ended) {
            return;
        }
        ended = true;
        end(session, why, code, reason);
    }

    /** Sends the error frame, then the close frame; a connection already gone needs neither. */
    static void end(Session session, StreamError why, CloseReason.CloseCode code, String reason) {
        try {
            if (session.isOpen()) {
                session.getBasicRemote().sendText(JSON.toJson(why));
                session.close(new CloseReason(code, reason));
            }
        } catch (IOException | IllegalStateException gone) {
            // The agent disconnected first; there is no one left to tell.
        }
    }
}
