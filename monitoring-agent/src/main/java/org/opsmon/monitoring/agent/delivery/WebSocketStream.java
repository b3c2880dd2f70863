package org.opsmon.monitoring.agent.delivery;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import org.opsmon.monitoring.agent.collect.Fields;
import org.opsmon.monitoring.agent.spool.Spool;
import org.opsmon.monitoring.agent.spool.SpoolRecord;

/**
 * The primary path: one text frame per snapshot over {@code /ws/agent}, with up to
 * {@link #WINDOW} frames awaiting the server's ack at once so a backlog drains at link speed
 * rather than one round trip per snapshot. Acks remove snapshots from the spool; an
 * {@code invalid_snapshot} error rejects that one for good; any other error rewinds so the
 * snapshot is sent again (the server deduplicates by seq). A snapshot that draws such an error
 * {@value HttpBatchSender#POISON_AFTER} times, with the server acknowledging other snapshots between
 * those errors, is a poison snapshot and is dead-lettered; errors for every seq without any ack are an
 * outage and only rewind. A spooled snapshot larger than the server's frame limit is rejected
 * without being sent, because the server would close the stream on it, again after every reconnect.
 */
final class WebSocketStream implements WebSocket.Listener {

    private static final Logger LOG = Logger.getLogger(WebSocketStream.class.getName());
    static final int WINDOW = 100;
    /** An ack this late means the connection is dead even if TCP has not noticed. */
    static final long ACK_TIMEOUT_MILLIS = 60_000;

    private final Spool spool;
    private final DeadLetters deadLetters;
    private final StringBuilder partial = new StringBuilder();
    /** seq → time sent, for frames not yet acknowledged. */
    private final TreeMap<Long, Long> inFlight = new TreeMap<>();
    private WebSocket socket;
    private long lastSent = Long.MIN_VALUE;
    private long rewindTo = Long.MAX_VALUE;
    private volatile boolean closed;
    /** The server stored at least one snapshot over this stream (it did not just refuse it). */
    private volatile boolean delivered;
    private volatile String closeReason;
    /** seq → [errors that count, acks received by its last counted error], for snapshots the server failed on. */
    private final Map<Long, long[]> failing = new HashMap<>();
    private long acks;

    private WebSocketStream(Spool spool, DeadLetters deadLetters) {
        this.spool = spool;
        this.deadLetters = deadLetters;
    }

    static URI endpoint(URI server) {
        String s = server.toString();
        return URI.create((s.startsWith("https:") ? "wss:" + s.substring(6) : "ws:" + s.substring(5)) + "/ws/agent");
    }

    /** Opens the stream; a 401 at the handshake surfaces as {@link ServerResponseException}. */
    static WebSocketStream open(HttpClient http, URI server, String token, Spool spool, DeadLetters deadLetters)
            throws IOException, InterruptedException {
        WebSocketStream stream = new WebSocketStream(spool, deadLetters);
        try {
            stream.socket = http.newWebSocketBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + token)
                    .buildAsync(endpoint(server), stream)
                    .get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof WebSocketHandshakeException h) {
                throw new ServerResponseException("WebSocket handshake", h.getResponse().statusCode(), -1);
            }
            throw new IOException("WebSocket connect failed: " + (c == null ? e : c.getClass().getSimpleName() + ": " + c.getMessage()));
        } catch (TimeoutException e) {
            throw new IOException("WebSocket connect timed out");
        }
        return stream;
    }

    boolean isOpen() {
        return !closed;
    }

    String closeReason() {
        return closeReason;
    }

    boolean delivered() {
        return delivered;
    }

    /**
     * Sends what the window allows, then waits up to {@code waitMillis} for acks or new
     * snapshots. Returns false once the stream is unusable (closed, stuck); the caller then
     * falls back to HTTP and everything unacknowledged is still in the spool.
     */
    boolean pump(long waitMillis) throws IOException, InterruptedException {
        if (closed) {
            return false;
        }
        int room;
        synchronized (this) {
            if (rewindTo != Long.MAX_VALUE) {
                lastSent = Math.min(lastSent, rewindTo);
                inFlight.tailMap(lastSent, false).clear();
                rewindTo = Long.MAX_VALUE;
            }
            if (!inFlight.isEmpty() && System.currentTimeMillis() - inFlight.firstEntry().getValue() > ACK_TIMEOUT_MILLIS) {
                abort("no ack for seq " + inFlight.firstKey() + " within " + ACK_TIMEOUT_MILLIS / 1000 + " s");
                return false;
            }
            room = WINDOW - inFlight.size();
        }
        List<SpoolRecord> next = room > 0 ? spool.readAfter(lastSent, room, HttpBatchSender.MAX_BODY) : List.of();
        for (SpoolRecord r : next) {
            if (r.payload().length > HttpBatchSender.MAX_BODY) {
                deadLetters.reject(spool, r, 413, "payload_too_large", "larger than the server's frame limit of "
                        + HttpBatchSender.MAX_BODY + " bytes; not sent");
                synchronized (this) {
                    lastSent = Math.max(lastSent, r.id());
                }
                continue;
            }
            synchronized (this) {
                inFlight.put(r.id(), System.currentTimeMillis());
                lastSent = r.id();
            }
            try {
                socket.sendText(new String(r.payload(), StandardCharsets.UTF_8), true).get(30, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                abort("send failed: " + e.getClass().getSimpleName());
                return false;
            }
        }
        if (next.isEmpty()) {
            synchronized (this) {
                if (room <= 0) {
                    wait(waitMillis);
                    return !closed;
                }
            }
            spool.awaitAfter(lastSent, waitMillis);
        }
        return !closed;
    }

    synchronized int inFlight() {
        return inFlight.size();
    }

    void abort(String why) {
        closeReason = why;
        closed = true;
        if (socket != null) {
            socket.abort();
        }
        synchronized (this) {
            notifyAll();
        }
    }

    void close() {
        if (socket != null && !closed) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "agent stopping");
        }
        closed = true;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String message = partial.toString();
            partial.setLength(0);
            try {
                handle(message);
            } catch (IOException | RuntimeException e) {
                LOG.warning(() -> "could not process a server message: " + e.getMessage());
            }
        }
        webSocket.request(1);
        return null;
    }

    private void handle(String message) throws IOException {
        JsonObject m;
        try (JsonReader r = Fields.JSON.createReader(new StringReader(message))) {
            m = r.readObject();
        }
        String type = m.getString("type", "");
        long seq = m.containsKey("seq") && m.get("seq") instanceof jakarta.json.JsonNumber n ? n.longValue() : Long.MIN_VALUE;
        if (type.equals("ack") && seq != Long.MIN_VALUE) {
            delivered = true;
            spool.acknowledge(seq);
            settled(seq, true);
        } else if (type.equals("error")) {
            String code = m.getString("code", "");
            String text = m.getString("message", "");
            if (code.equals("invalid_snapshot") && seq != Long.MIN_VALUE) {
                deadLetters.reject(spool, stored(seq), 0, code, text);
                settled(seq, false);
            } else if (seq != Long.MIN_VALUE && isPoison(seq)) {
                deadLetters.deadLetter(spool, stored(seq), 0, code, text);
                settled(seq, false);
            } else {
                LOG.info(() -> "server reported " + code + " for seq " + (seq == Long.MIN_VALUE ? "?" : seq) + "; will resend");
                synchronized (this) {
                    rewindTo = seq == Long.MIN_VALUE ? spool.cursor() : Math.min(rewindTo, seq - 1);
                    notifyAll();
                }
            }
        }
    }

    /**
     * Counts an error for seq. A repeat counts only when the server acknowledged other snapshots
     * since this one's previous error, so errors during an outage (every seq failing) never add up.
     */
    private synchronized boolean isPoison(long seq) {
        long[] f = failing.get(seq);
        if (f == null) {
            failing.put(seq, new long[] {1, acks});
            return false;
        }
        if (acks > f[1]) {
            f[0]++;
            f[1] = acks;
        }
        return f[0] >= HttpBatchSender.POISON_AFTER;
    }

    private synchronized void settled(long seq, boolean acknowledged) {
        if (acknowledged) {
            acks++;
        }
        failing.remove(seq);
        if (failing.size() > 4 * WINDOW) {
            // Seqs that errored and then left the spool another way (eviction): forget them.
            failing.keySet().removeIf(s -> s <= spool.cursor());
        }
        inFlight.remove(seq);
        notifyAll();
    }

    /** The spooled snapshot with this seq, or one without payload when it already left the spool. */
    private SpoolRecord stored(long seq) throws IOException {
        List<SpoolRecord> r = spool.readAfter(seq - 1, 1, Long.MAX_VALUE);
        return r.isEmpty() || r.get(0).id() != seq ? new SpoolRecord(seq, null) : r.get(0);
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeReason = "closed by server (" + statusCode + (reason == null || reason.isEmpty() ? "" : " " + reason) + ")";
        closed = true;
        synchronized (this) {
            notifyAll();
        }
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeReason = error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
        closed = true;
        synchronized (this) {
            notifyAll();
        }
    }
}
