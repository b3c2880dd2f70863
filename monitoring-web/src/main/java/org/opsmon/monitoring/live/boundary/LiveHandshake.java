package org.opsmon.monitoring.live.boundary;

import jakarta.servlet.http.HttpSession;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.security.Principal;
import org.eclipse.microprofile.config.ConfigProvider;
import org.opsmon.monitoring.identity.entity.Role;
import org.opsmon.monitoring.live.control.LiveClients;
import org.opsmon.monitoring.live.control.LiveCredential;
import org.opsmon.monitoring.platform.boundary.HandshakeTickets;

/**
 * Hands the credential of one live handshake (its bearer token, or the web session its caller is
 * logged in with) to the session the handshake opens, and only for a viewer or an admin. web.xml
 * already refuses other handshakes (401 without a credential, 403 for an agent); this is the
 * second lock on the same door, and what lets the sweep check the credential later.
 */
public class LiveHandshake extends ServerEndpointConfig.Configurator {

    private static final HandshakeTickets<LiveCredential> CREDENTIALS = new HandshakeTickets<>(() -> ConfigProvider
            .getConfig().getOptionalValue(LiveClients.MAX_CLIENTS, Integer.class).orElse(LiveClients.DEFAULT_MAX_CLIENTS));

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        Principal caller = request.getUserPrincipal();
        if (caller == null || !(request.isUserInRole(Role.ADMIN.roleName())
                || request.isUserInRole(Role.VIEWER.roleName()))) {
            return; // the endpoint refuses a session without a credential
        }
        HttpSession webSession = request.getHttpSession() instanceof HttpSession s ? s : null;
        CREDENTIALS.file(caller, new LiveCredential(caller.getName(), HandshakeTickets.bearerToken(request), webSession));
    }

    /** The credential of the handshake that authenticated this caller, once; null if there is none. */
    static LiveCredential take(Principal caller) {
        return CREDENTIALS.take(caller);
    }
}
