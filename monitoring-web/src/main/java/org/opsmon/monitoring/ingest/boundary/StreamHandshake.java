package org.opsmon.monitoring.ingest.boundary;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.security.Principal;
import org.eclipse.microprofile.config.ConfigProvider;
import org.opsmon.monitoring.platform.boundary.HandshakeTickets;

/**
 * Hands the bearer token of one handshake to the session that handshake opens (see
 * {@link HandshakeTickets} for why the caller's principal is the only safe link between them).
 */
public class StreamHandshake extends ServerEndpointConfig.Configurator {

    /** Never more tokens waiting than streams may be open: past that the session is refused anyway. */
    private static final HandshakeTickets<String> TOKENS = new HandshakeTickets<>(() -> ConfigProvider.getConfig()
            .getOptionalValue(AgentStreams.MAX, Integer.class).orElse(AgentStreams.DEFAULT_MAX));

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        Principal caller = request.getUserPrincipal();
        String token = HandshakeTickets.bearerToken(request);
        if (caller != null && token != null) {
            TOKENS.file(caller, token); // the endpoint refuses a session without both
        }
    }

    /** The token of the handshake that authenticated this caller, once; null if there is none. */
    static String take(Principal caller) {
        return TOKENS.take(caller);
    }
}
