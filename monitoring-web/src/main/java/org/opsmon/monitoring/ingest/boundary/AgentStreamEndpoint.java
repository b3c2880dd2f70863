package org.opsmon.monitoring.ingest.boundary;

import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
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
import org.opsmon.monitoring.identity.control.AccessTokens;
import org.opsmon.monitoring.platform.control.BodyLimit;
import org.opsmon.monitoring.ingest.control.Ingestion;
import org.opsmon.monitoring.ingest.control.JsonInput;
import org.opsmon.monitoring.ingest.control.SnapshotParser;
import org.opsmon.monitoring.ingest.entity.Snapshot;
import org.opsmon.monitoring.platform.entity.RequestProblem;
import org.opsmon.monitoring.platform.entity.Jsons;

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
            send(session, error("forbidden", "Only an agent's own token may open this stream", null));
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
            send(session, error("invalid_token", "The token expired or was revoked; reconnect with a new one", null));
            session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "token expired or revoked"));
            return;
        }
        JsonValue json;
        try {
            json = JsonInput.parse(text.getBytes(StandardCharsets.UTF_8));
        } catch (RequestProblem problem) {
            send(session, error(problem.code(), problem.getMessage(), null));
            return;
        }
        List<Snapshot> snapshots;
        try {
            snapshots = parser.parse(json);
        } catch (RequestProblem problem) {
            send(session, error(problem.code(), problem.getMessage(), firstSeq(json)));
            return;
        }
        try {
            ingestion.ingest(client, snapshots);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Storing a streamed snapshot of " + client.name() + " failed", e);
            send(session, error("storage_failed", "The server could not store the snapshot; send it again", firstSeq(json)));
            return;
        }
        for (Snapshot snapshot : snapshots) {
            if (snapshot.seq() != null) {
                send(session, Jsons.object().add("type", "ack").add("seq", snapshot.seq()).build().toString());
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

    private static Long firstSeq(JsonValue json) {
        JsonValue first = json instanceof jakarta.json.JsonArray array && !array.isEmpty() ? array.get(0) : json;
        if (first instanceof JsonObject object && object.get("seq") instanceof JsonNumber seq) {
            return seq.longValue();
        }
        return null;
    }

    private static String error(String code, String message, Long seq) {
        JsonObjectBuilder body = Jsons.object().add("type", "error").add("code", code).add("message", message);
        if (seq != null) {
            body.add("seq", seq);
        }
        return body.build().toString();
    }

    private static void send(Session session, String text) throws IOException {
        if (session.isOpen()) {
            session.getBasicRemote().sendText(text);
        }
    }

    /** Keeps the handshake's bearer token with the session, for the periodic re-check. */
    public static class TokenCapture extends ServerEndpointConfig.Configurator {

        @Override
        public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
            String token = null;
            List<String> header = request.getHeaders().get("Authorization");
            if (header == null) {
                header = request.getHeaders().get("authorization");
            }
            if (header != null && !header.isEmpty() && header.get(0).regionMatches(true, 0, "Bearer ", 0, 7)) {
                token = header.get(0).substring(7).trim();
            } else if (request.getParameterMap().get("access_token") != null) {
                token = request.getParameterMap().get("access_token").get(0);
            }
            config.getUserProperties().put(TOKEN, token);
        }
    }
}
