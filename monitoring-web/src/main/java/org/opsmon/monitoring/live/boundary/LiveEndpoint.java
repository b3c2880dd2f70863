package org.opsmon.monitoring.live.boundary;

import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.opsmon.monitoring.live.control.LiveClients;
import org.opsmon.monitoring.live.control.LiveCredential;

/**
 * Dashboards' live view: {@code {"type":"connection","status":"connected"}} on open, then a
 * {@code monitoring_data} frame per evaluated snapshot of the sources the client subscribed to,
 * and answers to its requests ({@link org.opsmon.monitoring.live.control.LiveRequest}). Text
 * arrives in parts so that an oversized request is counted and refused without being held whole;
 * the session stays open after any refused request.
 */
@ServerEndpoint(value = "/ws/live", configurator = LiveHandshake.class)
public class LiveEndpoint {

    private static final Logger LOG = Logger.getLogger(LiveEndpoint.class.getName());
    /** The live view takes no binary frames; this is only as much as the refusal needs to read one. */
    static final int MAX_BINARY_BYTES = 1024;

    @Inject
    LiveClients clients;

    @OnOpen
    public void open(Session session) {
        session.setMaxBinaryMessageBufferSize(MAX_BINARY_BYTES);
        session.setMaxIdleTimeout(0);
        LiveCredential credential = LiveHandshake.take(session.getUserPrincipal());
        if (credential == null) {
            LiveClients.close(session, CloseReason.CloseCodes.VIOLATED_POLICY,
                    "a viewer or admin credential is required");
            return;
        }
        clients.admit(session, credential).ifPresent(refusal ->
                LiveClients.close(session, CloseReason.CloseCodes.TRY_AGAIN_LATER, refusal));
    }

    @OnMessage
    public void text(Session session, String part, boolean last) {
        clients.receive(session, part, last);
    }

    @OnMessage(maxMessageSize = MAX_BINARY_BYTES)
    public void binary(Session session, ByteBuffer data) {
        clients.receiveBinary(session, data.remaining());
    }

    @OnMessage
    public void pong(Session session, PongMessage pong) {
        clients.pong(session, pong.getApplicationData());
    }

    @OnClose
    public void closed(Session session, CloseReason reason) {
        clients.release(session);
    }

    @OnError
    public void failed(Session session, Throwable failure) {
        clients.release(session);
        LOG.log(Level.FINE, "Live session closed on error", failure);
    }
}
