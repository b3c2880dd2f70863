package org.opsmon.monitoring.ingest.boundary;

import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.opsmon.monitoring.clients.control.ClientRegistry;
import org.opsmon.monitoring.clients.entity.Client;
import org.opsmon.monitoring.ingest.control.Ingestion;
import org.opsmon.monitoring.ingest.control.SnapshotParser;
import org.opsmon.monitoring.ingest.entity.IngestResult;
import org.opsmon.monitoring.ingest.entity.InvalidSnapshotException;
import org.opsmon.monitoring.ingest.entity.SeriesDrops;
import org.opsmon.monitoring.ingest.entity.Snapshot;
import org.opsmon.monitoring.platform.control.BodyLimit;
import org.opsmon.monitoring.platform.entity.RequestProblem;

/**
 * The agents' stream: one snapshot (or an array of them) per text frame, through the same
 * parser and ingestion as HTTP. Each stored snapshot is answered {"type":"ack","seq":N} after
 * its transaction committed; a bad frame gets a typed error and the stream stays open. The
 * bearer token is checked at the handshake (web.xml), kept with this session alone
 * ({@link StreamHandshake}) and re-checked by {@link AgentStreams}, which also bounds how many
 * streams a client and the server may hold.
 */
@ServerEndpoint(value = "/ws/agent", configurator = StreamHandshake.class)
public class AgentStreamEndpoint {

    private static final Logger LOG = Logger.getLogger(AgentStreamEndpoint.class.getName());
    /** The stream takes no binary frames; this is only as much as the refusal needs to read one. */
    static final int MAX_BINARY_BYTES = 1024;

    @Inject
    AgentStreams streams;

    @Inject
    ClientRegistry clients;

    @Inject
    SnapshotParser parser;

    @Inject
    Ingestion ingestion;

    @OnOpen
    public void open(Session session) {
        session.setMaxTextMessageBufferSize(BodyLimit.MAX_BYTES);
        session.setMaxBinaryMessageBufferSize(MAX_BINARY_BYTES);
        session.setMaxIdleTimeout(0);
        Principal caller = session.getUserPrincipal();
        String token = StreamHandshake.take(caller);
        Client client = caller == null ? null : clients.ownedBy(caller.getName()).orElse(null);
        if (client == null) {
            refuse(session, StreamError.of("forbidden", "Only an agent's own token may open this stream", null),
                    "not an agent");
            return;
        }
        if (token == null) {
            refuse(session, StreamError.of("invalid_token", "The handshake's bearer token did not reach the stream; "
                    + "reconnect", null), "no token");
            return;
        }
        Optional<StreamError> refused = streams.admit(new AgentStream(session, client, caller.getName(), token));
        refused.ifPresent(why -> refuse(session, why, why.code()));
    }

    /**
     * A text message is bounded like an HTTP body: the buffer size bounds one sent in fragments,
     * maxMessageSize one sent whole; past either the container closes the stream with 1009.
     */
    @OnMessage(maxMessageSize = BodyLimit.MAX_BYTES)
    public void frame(Session session, String text) throws IOException {
        AgentStream stream = streams.of(session);
        if (stream == null) {
            return; // refused at open or already ended: the close frame is on its way
        }
        stream.heard();
        stream.lock();
        try {
            if (!stream.revoked()) {
                store(stream, text);
            }
        } finally {
            stream.unlock();
            streams.endIfRevoked(stream);
        }
    }

    @OnMessage(maxMessageSize = MAX_BINARY_BYTES)
    public void binary(Session session, ByteBuffer data) throws IOException {
        AgentStream stream = streams.of(session);
        if (stream == null) {
            return;
        }
        stream.heard();
        stream.lock();
        try {
            stream.send(StreamError.of("unsupported_frame", "The stream takes JSON text frames only; a binary frame "
                    + "of " + data.remaining() + " bytes was ignored", null));
        } finally {
            stream.unlock();
        }
    }

    @OnMessage
    public void pong(Session session, PongMessage pong) {
        AgentStream stream = streams.of(session);
        if (stream != null) {
            stream.heard();
        }
    }

    @OnClose
    public void closed(Session session, CloseReason reason) {
        streams.release(session);
    }

    @OnError
    public void failed(Session session, Throwable failure) {
        streams.release(session);
        LOG.log(Level.FINE, "Agent stream closed on error", failure);
    }

    private void store(AgentStream stream, String text) throws IOException {
        List<Snapshot> snapshots;
        try {
            snapshots = parser.parse(text.getBytes(StandardCharsets.UTF_8));
        } catch (InvalidSnapshotException invalid) {
            stream.send(StreamError.of(invalid.code(), invalid.getMessage(), invalid.seq()));
            return;
        } catch (RequestProblem problem) {
            stream.send(StreamError.of(problem.code(), problem.getMessage(), null));
            return;
        }
        IngestResult result;
        try {
            result = ingestion.ingest(stream.client(), snapshots);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Storing a streamed snapshot of " + stream.client().name() + " failed", e);
            stream.send(StreamError.of("storage_failed", "The server could not store the snapshot; send it again",
                    snapshots.get(0).seq()));
            return;
        }
        Snapshot lastNumbered = snapshots.stream().filter(s -> s.seq() != null).reduce((a, b) -> b).orElse(null);
        for (Snapshot snapshot : snapshots) {
            if (snapshot.seq() != null) {
                stream.send(StreamAck.of(snapshot.seq(), snapshot == lastNumbered ? result.drops() : SeriesDrops.NONE));
            }
        }
    }

    private static void refuse(Session session, StreamError why, String reason) {
        CloseReason.CloseCode code = "streams_at_capacity".equals(why.code())
                ? CloseReason.CloseCodes.TRY_AGAIN_LATER : CloseReason.CloseCodes.VIOLATED_POLICY;
        AgentStream.end(session, why, code, reason);
    }
}
