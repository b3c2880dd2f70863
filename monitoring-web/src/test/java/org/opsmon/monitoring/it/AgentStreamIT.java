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
import java.nio.ByteBuffer;
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
        /** Pings of the server's sweep: each one follows a re-check that found the stream's token good. */
        final BlockingQueue<Long> pings = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onPing(WebSocket socket, ByteBuffer message) {
            pings.add(System.nanoTime());
            socket.request(1); // the client answers the pong by itself
            return null;
        }

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

        /** Waits for a ping that the server sent after the given moment. */
        void pingAfter(long nanos) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            Long ping;
            do {
                ping = pings.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (ping == null) {
                    throw new AssertionError("no ping from the server's re-check within 20 s");
                }
            } while (ping < nanos);
        }

        /** The code the server closed with, waiting for it. */
        int closeCode() throws Exception {
            return closed.get(20, TimeUnit.SECONDS);
        }
    }

    WebSocket open(String token, Frames frames) {
        return openAsync(token, frames).join();
    }

    CompletableFuture<WebSocket> openAsync(String token, Frames frames) {
        URI uri = URI.create(base.toString().replaceFirst("^http", "ws").replaceAll("/$", "") + "/ws/agent");
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder.buildAsync(uri, frames);
    }

    /**
     * Sends one snapshot and returns the server's answer to it. A send that fails because the
     * server already closed leaves the answer to the frames it sent before.
     */
    static JsonObject store(WebSocket socket, Frames frames, long seq) throws InterruptedException {
        socket.sendText(IngestIT.rich(Instant.now().getEpochSecond() - 60 + seq % 60, seq, 10, 1_000 * seq,
                1_700_000_000), true).handle((sent, closedAlready) -> null).join();
        return frames.next();
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
    void revokingTheTokenEndsAnIdleStreamWithinTheRecheckInterval() throws Exception {
        Api.Agent agent = api.newAgent(admin, "cut-off");
        Frames frames = new Frames();
        WebSocket socket = open(agent.token(), frames);
        assertEquals("ack", store(socket, frames, 1).getString("type"));

        long revoked = System.nanoTime();
        api.delete("/api/clients/" + agent.clientId() + "/tokens", admin).expect(200);
        // The stream stays silent: only the server's own re-check (every second here) can end it.
        JsonObject error = frames.next();
        assertEquals("error", error.getString("type"));
        assertEquals("invalid_token", error.getString("code"));
        assertEquals(1008, frames.closeCode(), "the server ends the stream (policy violation)");
        assertTrue(System.nanoTime() - revoked < TimeUnit.SECONDS.toNanos(15),
                "closed within a few re-check intervals of one second");
    }

    @Test
    void deletingTheClientEndsItsIdleStream() throws Exception {
        Api.Agent agent = api.newAgent(admin, "retired");
        Frames frames = new Frames();
        WebSocket socket = open(agent.token(), frames);
        assertEquals("ack", store(socket, frames, 1).getString("type"));

        api.delete("/api/clients/" + agent.clientId(), admin).expect(204);
        assertEquals("invalid_token", frames.next().getString("code"));
        assertEquals(1008, frames.closeCode());
    }

    @Test
    void concurrentStreamsOfTwoAgentsStayBoundToTheirOwnClientAndToken() throws Exception {
        Api.Agent first = api.newAgent(admin, "pair-a");
        Api.Agent second = api.newAgent(admin, "pair-b");
        Frames firstFrames = new Frames();
        Frames secondFrames = new Frames();
        CompletableFuture<WebSocket> opening = openAsync(first.token(), firstFrames);
        WebSocket secondSocket = open(second.token(), secondFrames);
        WebSocket firstSocket = opening.join();

        assertEquals(11, store(firstSocket, firstFrames, 11).getInt("seq"));
        assertEquals(22, store(secondSocket, secondFrames, 22).getInt("seq"));
        assertEquals(1, Database.count("SELECT COUNT(*) FROM ingested_snapshot WHERE client_id = ? AND seq = 11",
                first.clientId()));
        assertEquals(1, Database.count("SELECT COUNT(*) FROM ingested_snapshot WHERE client_id = ? AND seq = 22",
                second.clientId()));

        // Each stream is re-checked with the token of its own handshake: revoking the first
        // agent's tokens ends its stream and only its stream.
        api.delete("/api/clients/" + first.clientId() + "/tokens", admin).expect(200);
        assertEquals("invalid_token", firstFrames.next().getString("code"));
        assertEquals(1008, firstFrames.closeCode());
        secondFrames.pingAfter(System.nanoTime());
        assertEquals(23, store(secondSocket, secondFrames, 23).getInt("seq"));
        assertFalse(secondFrames.closed.isDone());
        secondSocket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }

    @Test
    void aThirdStreamOfOneClientIsRefusedWhileTwoAreOpen() throws Exception {
        Api.Agent agent = api.newAgent(admin, "many");
        Frames one = new Frames();
        Frames two = new Frames();
        WebSocket first = open(agent.token(), one);
        WebSocket second = open(agent.token(), two);
        assertEquals("ack", store(first, one, 1).getString("type"));
        assertEquals("ack", store(second, two, 2).getString("type"));

        Frames three = new Frames();
        open(agent.token(), three);
        JsonObject refused = three.next();
        assertEquals("too_many_streams", refused.getString("code"));
        assertTrue(refused.getString("message").contains("monitoring.stream.max.per.client = 2"), refused.toString());
        assertEquals(1008, three.closeCode());
        assertEquals("ack", store(first, one, 3).getString("type"), "the open streams are not disturbed");

        first.sendClose(WebSocket.NORMAL_CLOSURE, "reconnecting").join();
        one.closeCode();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        JsonObject answer;
        long seq = 3;
        do {
            assertTrue(System.nanoTime() < deadline, "a new stream is accepted once one of the two closed");
            Frames next = new Frames();
            answer = store(open(agent.token(), next), next, ++seq);
        } while (answer.getString("type").equals("error") && answer.getString("code").equals("too_many_streams"));
        assertEquals("ack", answer.getString("type"), answer.toString());
        second.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }

    @Test
    void binaryAndOversizedFramesAreRefusedWithAReason() throws Exception {
        Api.Agent agent = api.newAgent(admin, "frames");
        Frames frames = new Frames();
        WebSocket socket = open(agent.token(), frames);
        socket.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true).join();
        JsonObject binary = frames.next();
        assertEquals("unsupported_frame", binary.getString("code"));
        assertEquals("ack", store(socket, frames, 1).getString("type"), "the stream stays usable");

        // One byte over the HTTP body limit (1 MiB): the container closes with 1009 "too big".
        char[] padding = new char[(1 << 20) + 1 - 2];
        java.util.Arrays.fill(padding, ' ');
        socket.sendText("{" + new String(padding) + "}", true);
        assertEquals(1009, frames.closeCode());
        assertEquals(1, Database.count("SELECT COUNT(*) FROM ingested_snapshot WHERE client_id = ?", agent.clientId()));
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
