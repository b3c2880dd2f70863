package org.opsmon.monitoring.ingest.boundary;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.security.Principal;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.opsmon.monitoring.identity.boundary.BearerAuthenticationMechanism;

/**
 * Hands the bearer token of one handshake to the session that handshake opens. The endpoint
 * configuration, and with it its user properties, is shared by every session of the endpoint,
 * so a token kept there would be the last handshake's, not this one's. What a handshake and its
 * session do share is the authenticated caller: the container gives the session the very
 * principal object of its handshake request (a fresh one per authenticated request), so the
 * token is filed under that object's identity and taken back out when the session opens.
 */
public class StreamHandshake extends ServerEndpointConfig.Configurator {

    /** A handshake whose session never opened (the connection dropped) leaves its token this long. */
    static final long TICKET_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** Above this many tokens waiting, those older than {@link #TICKET_NANOS} are swept out. */
    private static final int SWEEP_ABOVE = 64;

    /** A principal compared by identity: two callers of the same name are two handshakes. */
    private record Caller(Principal principal) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Caller c && c.principal == principal;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(principal);
        }
    }

    private record Ticket(String token, long at) {
    }

    private static final ConcurrentHashMap<Caller, Ticket> WAITING = new ConcurrentHashMap<>();

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        Principal caller = request.getUserPrincipal();
        String token = BearerAuthenticationMechanism.bearerToken(first(request, "Authorization"),
                first(request.getParameterMap().get("access_token")));
        if (caller == null || token == null) {
            return; // the endpoint refuses a session without both
        }
        long now = System.nanoTime();
        if (WAITING.size() > SWEEP_ABOVE) {
            WAITING.values().removeIf(t -> now - t.at() > TICKET_NANOS);
        }
        // Never more waiting than streams may be open: past that the session is refused anyway.
        if (WAITING.size() < ConfigProvider.getConfig().getOptionalValue(AgentStreams.MAX, Integer.class)
                .orElse(AgentStreams.DEFAULT_MAX)) {
            WAITING.put(new Caller(caller), new Ticket(token, now));
        }
    }

    /** The token of the handshake that authenticated this caller, once; null if there is none. */
    static String take(Principal caller) {
        if (caller == null) {
            return null;
        }
        Ticket ticket = WAITING.remove(new Caller(caller));
        return ticket == null || System.nanoTime() - ticket.at() > TICKET_NANOS ? null : ticket.token();
    }

    private static String first(HandshakeRequest request, String header) {
        // Header names are case-insensitive; not every container's map is.
        List<String> values = request.getHeaders().get(header);
        if (values == null) {
            values = request.getHeaders().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(header))
                    .map(java.util.Map.Entry::getValue).findFirst().orElse(null);
        }
        return first(values);
    }

    private static String first(List<String> values) {
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
