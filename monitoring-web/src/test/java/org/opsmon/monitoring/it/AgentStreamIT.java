package org.opsmon.monitoring.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The agents' WebSocket stream and the link probe, as the agent uses them. */
class AgentStreamIT extends DeployedApplication {

    /** Collects text frames; whole messages only (the server sends small ones). */
    static final class Frames implements WebSocket.Listener {
        final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(Json.createReader(new StringReader(partial.toString())).readObject());
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        JsonObject next() throws InterruptedException {
            JsonObject frame = received.poll(20, TimeUnit.SECONDS);
            if (frame == null) {
                throw new AssertionError("no frame from the server within 20 s");
            }
            return frame;
        }
    }

    WebSocket open(String token, Frames frames) {
        URI uri = URI.create(base.toString().replaceFirst("^http", "ws").replaceAll("/$", "") + "/ws/agent");
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder.buildAsync(uri, frames).join();
    }

    @Test
    void snapshotsAreAcknowledgedAfterStorageAndBadFramesDoNotCloseTheStream() throws Exception {
        Api.Agent agent = api.newAgent(admin, "stream");
        Frames frames = new Frames();
        WebSocket socket = open(agent.token(), frames);
        long t0 = Instant.now().getEpochSecond() - 60;

        socket.sendText(IngestIT.rich(t0, 101, 10, 1_000, 1_700_000_000), true).join();
        assertEquals(Json.createObjectBuilder().add("type", "ack").add("seq", 101).build(), frames.next());
        assertTrue(Database.samplesOf(agent.clientId()) > 0, "acknowledged means stored");

        socket.sendText("{not json", true).join();
        JsonObject error = frames.next();
        assertEquals("error", error.getString("type"));
        assertEquals("invalid_json", error.getString("code"));
        assertFalse(error.containsKey("seq"), "no snapshot to name: " + error);

        socket.sendText("{\"seq\": 102, \"timestamp\": " + (t0 + 5) + ", \"processor\": {\"usage_percent\": 300}}", true).join();
        JsonObject invalid = frames.next();
        assertEquals("invalid_snapshot", invalid.getString("code"));
        assertEquals(102, invalid.getInt("seq"));
        assertTrue(invalid.getString("message").contains("processor.usage_percent"));

        socket.sendText("[" + IngestIT.rich(t0 + 10, 103, 10, 2_000, 1_700_000_000) + ","
                + IngestIT.rich(t0 + 20, 104, 10, 3_000, 1_700_000_000) + "]", true).join();
        assertEquals(103, frames.next().getInt("seq"));
        assertEquals(104, frames.next().getInt("seq"));

        // A re-sent seq is acknowledged again and stored once.
        long before = Database.samplesOf(agent.clientId());
        socket.sendText(IngestIT.rich(t0 + 20, 104, 10, 3_000, 1_700_000_000), true).join();
        assertEquals(104, frames.next().getInt("seq"));
        assertEquals(before, Database.samplesOf(agent.clientId()));
        assertEquals(3, Database.count("SELECT COUNT(*) FROM ingested_snapshot WHERE client_id = ?", agent.clientId()));
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }

    @Test
    void handshakeNeedsAnAgentToken() {
        CompletionException anonymous = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                () -> open(null, new Frames()));
        assertEquals(401, ((WebSocketHandshakeException) anonymous.getCause()).getResponse().statusCode());
        CompletionException adminTried = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                () -> open(admin, new Frames()));
        assertEquals(403, ((WebSocketHandshakeException) adminTried.getCause()).getResponse().statusCode());
    }

    @Test
    void revokingTheTokenEndsAnOpenStream() throws Exception {
        Api.Agent agent = api.newAgent(admin, "cut-off");
        Frames frames = new Frames();
        WebSocket socket = open(agent.token(), frames);
        long t0 = Instant.now().getEpochSecond() - 30;
        socket.sendText(IngestIT.rich(t0, 1, 10, 1_000, 1_700_000_000), true).join();
        assertEquals("ack", frames.next().getString("type"));

        api.delete("/api/clients/" + agent.clientId() + "/tokens", admin).expect(200);
        // The tests' server re-checks stream tokens every second: until then frames are still stored.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        long seq = 1;
        JsonObject answer;
        do {
            assertTrue(System.nanoTime() < deadline, "the stream still accepts snapshots 20 s after the revocation");
            seq++;
            socket.sendText(IngestIT.rich(t0 + seq, seq, 10, 1_000 * seq, 1_700_000_000), true).join();
            answer = frames.next();
        } while (answer.getString("type").equals("ack"));
        assertEquals("invalid_token", answer.getString("code"));
        assertEquals(0, Database.count("SELECT COUNT(*) FROM ingested_snapshot WHERE client_id = ? AND seq = ?",
                agent.clientId(), seq), "the refused snapshot is not stored");
        assertEquals(seq - 1, Database.count("SELECT COUNT(*) FROM ingested_snapshot WHERE client_id = ?",
                agent.clientId()));
        assertEquals(1008, frames.closed.get(20, TimeUnit.SECONDS), "the server ends the stream (policy violation)");
    }

    @Test
    void revokedTokenCannotOpenAStream() {
        Api.Agent agent = api.newAgent(admin, "revoked-stream");
        api.delete("/api/clients/" + agent.clientId() + "/tokens", admin).expect(200);
        CompletionException refused = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                () -> open(agent.token(), new Frames()));
        assertEquals(401, ((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode());
    }

    @Test
    void linkProbeIsBoundedAuthenticatedAndRateLimited() throws Exception {
        Api.Agent agent = api.newAgent(admin, "probe");
        java.net.http.HttpResponse<byte[]> download = HttpClient.newHttpClient().send(
                api.request("/api/probe/download?bytes=262144", agent.token()).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, download.statusCode());
        assertEquals(262144, download.body().length);
        assertEquals("rate_limited", api.get("/api/probe/download?bytes=1024", agent.token()).expect(429).error());
        assertEquals("invalid_size", api.get("/api/probe/download?bytes=99999999999", agent.token()).expect(400).error());
        api.get("/api/probe/download", null).expect(401);

        JsonObject upload = api.send(api.request("/api/probe/upload", agent.token())
                .header("Content-Type", "application/octet-stream")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(new byte[100_000]))).expect(200).json();
        assertEquals(100_000, upload.getInt("bytes"));
        assertTrue(upload.getJsonNumber("bps").longValue() > 0);
    }
}
