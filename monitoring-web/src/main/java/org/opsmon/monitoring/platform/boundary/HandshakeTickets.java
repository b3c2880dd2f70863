package org.opsmon.monitoring.platform.boundary;

import jakarta.websocket.server.HandshakeRequest;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.opsmon.monitoring.identity.boundary.BearerAuthenticationMechanism;

/**
 * Hands what one WebSocket handshake learned (its bearer token, its caller's roles) to the
 * session that handshake opens. The endpoint configuration, and with it its user properties, is
 * shared by every session of the endpoint, so a value kept there would be the last handshake's,
 * not this one's. What a handshake and its session do share is the authenticated caller: the
 * container gives the session the very principal object of its handshake request (a fresh one
 * per authenticated request), so the value is filed under that object's identity and taken back
 * out when the session opens.
 *
 * @param <T> what a handshake hands on
 */
public final class HandshakeTickets<T> {

    /** A handshake whose session never opened (the connection dropped) leaves its value this long. */
    private static final long TICKET_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** Above this many values waiting, those older than {@link #TICKET_NANOS} are swept out. */
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

    private record Ticket<T>(T value, long at) {
    }

    private final ConcurrentHashMap<Caller, Ticket<T>> waiting = new ConcurrentHashMap<>();
    private final IntSupplier capacity;

    /**
     * @param capacity how many values may wait at most: never more than sessions may be open,
     *                 since past that a session is refused anyway
     */
    public HandshakeTickets(IntSupplier capacity) {
        this.capacity = capacity;
    }

    /** Files the value of the handshake that authenticated {@code caller}. */
    public void file(Principal caller, T value) {
        long now = System.nanoTime();
        if (waiting.size() > SWEEP_ABOVE) {
            waiting.values().removeIf(t -> now - t.at() > TICKET_NANOS);
        }
        if (waiting.size() < capacity.getAsInt()) {
            waiting.put(new Caller(caller), new Ticket<>(value, now));
        }
    }

    /** The value of the handshake that authenticated this caller, once; null if there is none. */
    public T take(Principal caller) {
        if (caller == null) {
            return null;
        }
        Ticket<T> ticket = waiting.remove(new Caller(caller));
        return ticket == null || System.nanoTime() - ticket.at() > TICKET_NANOS ? null : ticket.value();
    }

    /** The bearer token the handshake presents, in its Authorization header or as access_token; or null. */
    public static String bearerToken(HandshakeRequest request) {
        return BearerAuthenticationMechanism.bearerToken(header(request, "Authorization"),
                first(request.getParameterMap().get("access_token")));
    }

    private static String header(HandshakeRequest request, String name) {
        // Header names are case-insensitive; not every container's map is.
        List<String> values = request.getHeaders().get(name);
        if (values == null) {
            values = request.getHeaders().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }
        return first(values);
    }

    private static String first(List<String> values) {
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
