package org.opsmon.monitoring.ingest.boundary;

import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.websocket.CloseReason;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.opsmon.monitoring.clients.control.ClientRegistry;
import org.opsmon.monitoring.clients.entity.Client;
import org.opsmon.monitoring.identity.boundary.BearerAuthenticationMechanism;
import org.opsmon.monitoring.identity.control.AccessTokens;
import org.opsmon.monitoring.ingest.control.Ingestion;
import org.opsmon.monitoring.ingest.control.SnapshotParser;
import org.opsmon.monitoring.ingest.entity.IngestResult;
import org.opsmon.monitoring.ingest.entity.InvalidSnapshotException;
import org.opsmon.monitoring.ingest.entity.SeriesDrops;
import org.opsmon.monitoring.ingest.entity.Snapshot;
import org.opsmon.monitoring.platform.boundary.JsonbSettings;
import org.opsmon.monitoring.platform.control.BodyLimit;
import org.opsmon.monitoring.platform.entity.RequestProblem;

/**
 * The agents' stream: one snapshot (or an array of them) per text frame, through the same
 * parser and ingestion as HTTP. Each stored snapshot is answered {"type":"ack","seq":N} after
 * its transaction committed; a bad frame gets a typed error and the stream stays open. The
 * bearer token is checked at the handshake (web.xml) and again every minute (configurable), so
 * a revoked or expired token ends the stream and the agent reconnects with a fresh one.
 */
@ServerEndpoint(value = "/ws/agent", configurator = AgentStreamEndpoint.TokenCapture.class)
public class AgentStreamEndpoint {

    private static final Logger LOG = Logger.getLogger(AgentStreamEndpoint.class.getName());
    private static final String TOKEN = "token";
    private static final String CLIENT = "client";
    private static final String CHECKED_AT = "checkedAt";
    /** Frames are written with the REST API's JSON-B settings (snake_case names). */
    private static final Jsonb JSON = new JsonbSettings().getContext(StreamAck.class);

    @Inject
    ClientRegistry clients;

    @Inject
    AccessTokens tokens;

    @Inject
    SnapshotParser parser;

    @Inject
    Ingestion ingestion;

    /** Seconds between re-checks of the handshake's token; revocation takes effect within this. */
    @Inject
    @ConfigProperty(name = "monitoring.stream.token.recheck", defaultValue = "60")
    long recheckSeconds;

    @OnOpen
    public void open(Session session) throws IOException {
        session.setMaxTextMessageBufferSize(BodyLimit.MAX_BYTES);
        session.setMaxIdleTimeout(0);
        Principal caller = session.getUserPrincipal();
        Client client = caller == null ? null : clients.ownedBy(caller.getName()).orElse(null);
        if (client == null) {
            send(session, StreamError.of("forbidden", "Only an agent's own token may open this stream", null));
            session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "not an agent"));
            return;
        }
        session.getUserProperties().put(CLIENT, client);
        session.getUserProperties().put(CHECKED_AT, System.currentTimeMillis());
    }

    @OnMessage
    public void frame(Session session, String text) throws IOException {
        Client client = (Client) session.getUserProperties().get(CLIENT);
        if (client == null || !tokenStillValid(session)) {
            send(session, StreamError.of("invalid_token", "The token expired or was revoked; reconnect with a new one", null));
            session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "token expired or revoked"));
            return;
        }
        List<Snapshot> snapshots;
        try {
            snapshots = parser.parse(text.getBytes(StandardCharsets.UTF_8));
        } catch (InvalidSnapshotException invalid) {
            send(session, StreamError.of(invalid.code(), invalid.getMessage(), invalid.seq()));
            return;
        } catch (RequestProblem problem) {
            send(session, StreamError.of(problem.code(), problem.getMessage(), null));
            return;
        }
        IngestResult result;
        try {
            result = ingestion.ingest(client, snapshots);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Storing a streamed snapshot of " + client.name() + " failed", e);
            send(session, StreamError.of("storage_failed", "The server could not store the snapshot; send it again",
                    snapshots.get(0).seq()));
            return;
        }
        Snapshot lastNumbered = snapshots.stream().filter(s -> s.seq() != null).reduce((a, b) -> b).orElse(null);
        for (Snapshot snapshot : snapshots) {
            if (snapshot.seq() != null) {
                send(session, StreamAck.of(snapshot.seq(), snapshot == lastNumbered ? result.drops() : SeriesDrops.NONE));
            }
        }
    }

    @OnError
    public void failed(Session session, Throwable failure) {
        LOG.log(Level.FINE, "Agent stream closed on error", failure);
    }

    private boolean tokenStillValid(Session session) {
        long checkedAt = (Long) session.getUserProperties().getOrDefault(CHECKED_AT, 0L);
        if (System.currentTimeMillis() - checkedAt < recheckSeconds * 1000) {
            return true;
        }
        String token = (String) session.getUserProperties().get(TOKEN);
        boolean valid = token != null && tokens.resolve(token).isPresent();
        session.getUserProperties().put(CHECKED_AT, System.currentTimeMillis());
        return valid;
    }

    private static void send(Session session, Record reply) throws IOException {
        if (session.isOpen()) {
            session.getBasicRemote().sendText(JSON.toJson(reply));
        }
    }

    /** Keeps the handshake's bearer token with the session, for the periodic re-check. */
    public static class TokenCapture extends ServerEndpointConfig.Configurator {

        @Override
        public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
            List<String> header = request.getHeaders().get("Authorization");
            if (header == null) {
                header = request.getHeaders().get("authorization");
            }
            List<String> parameter = request.getParameterMap().get("access_token");
            config.getUserProperties().put(TOKEN, BearerAuthenticationMechanism.bearerToken(
                    header == null || header.isEmpty() ? null : header.get(0),
                    parameter == null || parameter.isEmpty() ? null : parameter.get(0)));
        }
    }
}
