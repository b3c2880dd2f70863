package org.opsmon.monitoring.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The live view {@code /ws/live} with real WebSocket clients, in one deployment: who may connect,
 * the protocol, the client limit (4 in the test container, see arquillian.xml), a credential that
 * stops qualifying (re-checked every second there), and a snapshot posted over HTTP reaching a
 * subscribed client with its alert.
 */
class LiveIT extends DeployedApplication {

    static final int MAX_CLIENTS = 4;

    /** One live client: every frame it received, in order, and how the server closed it. */
    static final class Live implements WebSocket.Listener {
        final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(Json.createReader(new StringReader(partial.toString())).readObject());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete("error " + error);
        }

        /** The next frame that matches, skipping others (live data of sources nobody asked about). */
        JsonObject next(Predicate<JsonObject> wanted, String what) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (true) {
                JsonObject frame = frames.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (frame == null) {
                    throw new AssertionError("no " + what + " within 20 s");
                }
                if (wanted.test(frame)) {
                    return frame;
                }
            }
        }

        /** The next frame that is not live data. */
        JsonObject answer() throws InterruptedException {
            return next(f -> !"monitoring_data".equals(f.getString("type")), "answer");
        }

        JsonObject ask(String request) throws InterruptedException {
            socket.sendText(request, true).join();
            return answer();
        }

        int connectedClients() throws InterruptedException {
            JsonObject status = ask("{\"type\":\"get_status\"}");
            assertEquals("status", status.getString("type"), status::toString);
            return status.getInt("connected_clients");
        }

        String closeReason() throws Exception {
            return closed.get(20, TimeUnit.SECONDS);
        }
    }

    private final List<Live> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        for (Live live : opened) {
            if (live.socket != null && !live.socket.isOutputClosed()) {
                live.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").handle((s, e) -> null).join();
            }
        }
        for (Live live : opened) {
            live.closed.completeOnTimeout("timeout", 20, TimeUnit.SECONDS).join();
        }
    }

    URI liveUri(String query) {
        return URI.create(base.toString().replaceFirst("^http", "ws").replaceAll("/$", "") + "/ws/live"
                + (query == null ? "" : "?" + query));
    }

    /** Connects with the token as access_token (what browsers can do). */
    Live connect(String token) {
        return connect(liveUri("access_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)), null);
    }

    Live connect(URI uri, String authorization) {
        Live live = new Live();
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        live.socket = builder.buildAsync(uri, live).join();
        opened.add(live);
        return live;
    }

    /** Connects and checks the greeting. */
    Live connected(String token) throws InterruptedException {
        Live live = connect(token);
        assertEquals(Json.createObjectBuilder().add("type", "connection").add("status", "connected").build(),
                live.answer());
        return live;
    }

    int handshakeStatus(URI uri, String authorization) {
        CompletionException refused = assertThrows(CompletionException.class, () -> connect(uri, authorization));
        return ((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode();
    }

    String viewer(String name) {
        String password = "viewer-password-" + name;
        api.postJson("/api/users", admin, Json.createObjectBuilder().add("username", name).add("password", password)
                .add("role", "viewer").build().toString()).expect(201);
        return api.token(name, password);
    }

    @Test
    void onlyViewersAndAdminsMayConnect() throws Exception {
        assertEquals(401, handshakeStatus(liveUri(null), null), "no credential");
        assertEquals(401, handshakeStatus(liveUri("access_token=not-a-token"), null), "an unknown token");
        Api.Agent agent = api.newAgent(admin, "live-agent");
        assertEquals(403, handshakeStatus(liveUri("access_token=" + agent.token()), null), "an agent's token");
        assertEquals(403, handshakeStatus(liveUri(null), "Bearer " + agent.token()));

        connected(viewer("live-viewer-" + System.nanoTime()));
        Live byHeader = connect(liveUri(null), "Bearer " + admin);
        assertEquals("connection", byHeader.answer().getString("type"), "an admin with the Authorization header");
    }

    @Test
    void pingGetStatusSubscribeAndUnsubscribe() throws Exception {
        Live live = connected(admin);
        JsonObject pong = live.ask("{\"type\":\"ping\"}");
        assertEquals("pong", pong.getString("type"));
        double now = Instant.now().toEpochMilli() / 1000.0;
        assertTrue(Math.abs(pong.getJsonNumber("timestamp").doubleValue() - now) < 60, pong::toString);

        JsonObject status = live.ask("{\"type\":\"get_status\"}");
        assertEquals("status", status.getString("type"));
        assertTrue(status.getInt("connected_clients") >= 1);
        assertTrue(status.getJsonNumber("server_start_time").doubleValue() < now);
        assertTrue(status.getString("server_version").matches("\\d+\\.\\d+\\.\\d+.*"), status::toString);
        assertTrue(status.getString("message").contains("connected"));
        assertTrue(status.getInt("dropped_clients") >= 0, "clients dropped for being too slow, since the start");

        int before = live.connectedClients();
        Live other = connected(admin);
        assertEquals(before + 1, live.connectedClients(), "a second client counts");
        other.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        other.closeReason();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int after;
        while ((after = live.connectedClients()) != before && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(before, after, "and stops counting once it closed");

        JsonObject subscribed = live.ask("{\"type\":\"subscribe\",\"sources\":[\"web-02\",\"web-01\"]}");
        assertEquals(Json.createObjectBuilder().add("type", "subscribed")
                .add("sources", Json.createArrayBuilder().add("web-01").add("web-02")).build(), subscribed);
        JsonObject everything = live.ask("{\"type\":\"subscribe\"}");
        assertEquals("subscribed", everything.getString("type"));
        assertTrue(everything.isNull("sources"), "no list: every source");
        assertEquals(Json.createObjectBuilder().add("type", "unsubscribed").build(),
                live.ask("{\"type\":\"unsubscribe\"}"));
    }

    @Test
    void anyOtherFrameIsAnsweredWithInvalidFormatAndTheSessionGoesOn() throws Exception {
        Live live = connected(admin);
        String[] refused = {
            "{not json",
            "[1,2]",
            "{}",
            "{\"type\":\"dance\"}",
            "{\"type\":42}",
            "{\"type\":\"subscribe\",\"sources\":\"web-01\"}",
            "{\"type\":\"subscribe\",\"sources\":[7]}",
            "{\"type\":\"subscribe\",\"sources\":[\"a\\u0000b\"]}",
            "{\"type\":\"ping\"} trailing",
            "{\"type\":\"ping\",\"pad\":\"" + "x".repeat(5000) + "\"}",
            "{\"type\":\"ping\",\"pad\":\"" + "x".repeat(300_000) + "\"}",
        };
        for (String frame : refused) {
            JsonObject error = live.ask(frame);
            assertEquals("error", error.getString("type"), () -> frame.substring(0, Math.min(80, frame.length())));
            assertEquals("INVALID_FORMAT", error.getString("code"));
            assertFalse(error.getString("message").isBlank());
        }
        live.socket.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true).join();
        JsonObject binary = live.answer();
        assertEquals("INVALID_FORMAT", binary.getString("code"));
        assertTrue(binary.getString("message").contains("text frames only"), binary::toString);

        JsonObject tooLarge = live.ask("{\"type\":\"ping\",\"pad\":\"" + "y".repeat(5000) + "\"}");
        assertTrue(tooLarge.getString("message").contains("more than the 4096 a request may have "
                + "(monitoring.live.max.frame)"), tooLarge::toString);
        assertEquals("pong", live.ask("{\"type\":\"ping\"}").getString("type"), "still usable after all that");
        assertFalse(live.closed.isDone());
    }

    @Test
    void beyondTheClientLimitTheConnectionIsClosedWithAReasonNamingIt() throws Exception {
        List<Live> admitted = new ArrayList<>();
        Live refused = null;
        for (int i = 0; i <= MAX_CLIENTS && refused == null; i++) {
            Live live = connect(admin);
            JsonObject first = live.frames.poll(5, TimeUnit.SECONDS);
            if (first != null && "connection".equals(first.getString("type"))) {
                admitted.add(live);
            } else {
                refused = live;
            }
        }
        assertTrue(refused != null, "one of " + (MAX_CLIENTS + 1) + " is refused");
        assertEquals("1013 live clients at capacity: monitoring.live.max.clients = " + MAX_CLIENTS,
                refused.closeReason());
        assertEquals(MAX_CLIENTS, admitted.get(0).connectedClients(), "the limit's worth are connected");
    }

    @Test
    void aSessionEndsOnceItsTokenIsRevoked() throws Exception {
        String name = "live-revoked-" + System.nanoTime();
        Live live = connected(viewer(name));
        api.send(api.request("/api/users/" + name + "/password", admin).header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"password\":\"another-password-1\"}")))
                .expect(204);
        assertEquals("1008 credential expired or revoked; reconnect with a new one", live.closeReason(),
                "re-checked every second in the test container");
    }

    @Test
    void aPostedSnapshotReachesItsSubscriberWithItsAlertWithinASecond() throws Exception {
        Api.Agent hot = api.newAgent(admin, "live-hot");
        Api.Agent other = api.newAgent(admin, "live-other");
        Live watcher = connected(admin);
        assertEquals("subscribed", watcher.ask("{\"type\":\"subscribe\",\"sources\":[\"" + hot.name() + "\"]}")
                .getString("type"));
        Live elsewhere = connected(admin);
        elsewhere.ask("{\"type\":\"subscribe\",\"sources\":[\"" + other.name() + "\"]}");

        long time = Instant.now().getEpochSecond() - 5;
        long posted = System.nanoTime();
        api.postJson("/api/clients/" + hot.clientId() + "/metrics", hot.token(), snapshot(time, 95.5)).expect(200);
        JsonObject frame = watcher.next(f -> "monitoring_data".equals(f.getString("type")), "live data");
        long elapsed = System.nanoTime() - posted;

        assertEquals(hot.name(), frame.getString("source"));
        assertEquals(time, frame.getJsonNumber("timestamp").longValue());
        JsonObject data = frame.getJsonObject("data");
        assertEquals(95.5, data.getJsonObject("memory").getJsonNumber("percentage").doubleValue());
        assertEquals("live-host", data.getJsonObject("system").getString("hostname"));
        assertEquals(1000.0, data.getJsonArray("network").getJsonObject(0).getJsonNumber("bytes_recv").doubleValue());
        JsonObject alert = frame.getJsonArray("alerts").stream().map(JsonObject.class::cast)
                .filter(a -> "memory.percentage".equals(a.getString("metric"))).findFirst()
                .orElseThrow(() -> new AssertionError("no memory alert in " + frame));
        assertEquals("CRITICAL", alert.getString("level"));
        assertEquals("memory", alert.getString("component"));
        assertEquals(95.5, alert.getJsonNumber("value").doubleValue());
        assertEquals(90.0, alert.getJsonNumber("threshold").doubleValue());
        assertTrue(alert.get("message") instanceof JsonString m && m.getString().contains("95.5"), alert::toString);
        assertTrue(elapsed < TimeUnit.SECONDS.toNanos(1), "within a second of the post: " + elapsed / 1_000_000 + " ms");

        // The other subscriber hears nothing of it: its next live frame is its own source's.
        api.postJson("/api/clients/" + other.clientId() + "/metrics", other.token(), snapshot(time, 20)).expect(200);
        JsonObject next = elsewhere.next(f -> "monitoring_data".equals(f.getString("type")), "live data");
        assertEquals(other.name(), next.getString("source"));
        assertNull(watcher.frames.stream().filter(f -> other.name().equals(f.getString("source", null)))
                .findFirst().orElse(null));
    }

    @Test
    void aClientThatReadsNothingIsDroppedWhileAReadingOneGetsEveryFrame() throws Exception {
        Api.Agent busy = api.newAgent(admin, "live-busy");
        Live reader = connected(admin);
        reader.ask("{\"type\":\"subscribe\",\"sources\":[\"" + busy.name() + "\"]}");
        int droppedBefore = reader.ask("{\"type\":\"get_status\"}").getInt("dropped_clients");
        try (SilentClient silent = new SilentClient(liveUri("access_token=" + admin))) {
            // Frames of ~30 KB: the silent client's buffers take them, but it answers no ping.
            long first = Instant.now().getEpochSecond() - 600;
            int posts = 2;
            int perPost = 25;
            for (int p = 0; p < posts; p++) {
                api.postJson("/api/clients/" + busy.clientId() + "/metrics", busy.token(),
                        wideSnapshots(first + (long) p * perPost, perPost)).expect(200);
            }
            // Snapshots of one request are evaluated concurrently: their frames may come in any order.
            java.util.Set<Long> seconds = new java.util.TreeSet<>();
            for (int i = 0; i < posts * perPost; i++) {
                JsonObject frame = reader.next(f -> "monitoring_data".equals(f.getString("type")), "frame " + i);
                seconds.add(frame.getJsonNumber("timestamp").longValue());
            }
            assertEquals(java.util.stream.LongStream.range(first, first + posts * perPost).boxed().toList(),
                    List.copyOf(seconds), "every snapshot once");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            int dropped;
            while ((dropped = reader.ask("{\"type\":\"get_status\"}").getInt("dropped_clients")) == droppedBefore
                    && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(droppedBefore + 1, dropped, "the silent client is dropped");
            String reason = silent.closeReason();
            assertTrue(reason.startsWith("1008 too slow: "), reason);
            assertTrue(reason.endsWith("(monitoring.live.send.timeout.ms)"), reason);
        }
        assertFalse(reader.closed.isDone(), "the reading client stays");
    }

    /** Snapshots with a hundred disks of long paths: about 30 KB of live data each. */
    static String wideSnapshots(long firstSecond, int count) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            json.append(i == 0 ? "" : ",").append("{\"timestamp\":").append(firstSecond + i).append(",\"disk\":[");
            for (int d = 0; d < 100; d++) {
                json.append(d == 0 ? "" : ",").append("{\"path\":\"/mnt/").append("d".repeat(240)).append(d)
                        .append("\",\"total\":4000000000000,\"used\":2000000000000,\"free\":2000000000000,\"percentage\":50}");
            }
            json.append("]}");
        }
        return json.append("]").toString();
    }

    /**
     * A live client that completes its handshake and then reads nothing, over a socket whose
     * receive buffer is as small as the system allows: it never sees the server's pings, so it
     * never answers them. Once closed by the server, its frames can be read to find the close frame.
     */
    static final class SilentClient implements AutoCloseable {
        private final java.net.Socket socket = new java.net.Socket();
        private final java.io.InputStream in;

        SilentClient(URI uri) throws java.io.IOException {
            socket.setReceiveBufferSize(4096);
            socket.connect(new java.net.InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
            socket.setSoTimeout(30_000);
            byte[] nonce = new byte[16];
            new java.security.SecureRandom().nextBytes(nonce);
            String request = "GET " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\n"
                    + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: " + java.util.Base64.getEncoder().encodeToString(nonce) + "\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            in = new java.io.BufferedInputStream(socket.getInputStream());
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new java.io.EOFException("no handshake answer: " + head);
                }
                head.append((char) b);
            }
            assertTrue(head.toString().startsWith("HTTP/1.1 101"), head::toString);
        }

        /** Reads frames up to the server's close frame: its code and reason. */
        String closeReason() throws java.io.IOException {
            java.io.DataInputStream frames = new java.io.DataInputStream(in);
            while (true) {
                int opcode = frames.readUnsignedByte() & 0x0f;
                long length = frames.readUnsignedByte() & 0x7f;
                if (length == 126) {
                    length = frames.readUnsignedShort();
                } else if (length == 127) {
                    length = frames.readLong();
                }
                byte[] payload = frames.readNBytes((int) length);
                if (opcode == 8) {
                    int code = ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
                    return code + " " + new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
                }
            }
        }

        @Override
        public void close() throws java.io.IOException {
            socket.close();
        }
    }

    static String snapshot(long time, double memoryPercent) {
        return """
                {"timestamp": %d, "processor": {"usage_percent": 12.5},
                 "memory": {"total": 8589934592, "available": 429496729, "used": 8160437862, "percentage": %s},
                 "network": [{"interface": "eth0", "bytes_sent": 500, "bytes_recv": 1000}],
                 "system": {"hostname": "live-host", "os_name": "Debian"}}
                """.formatted(time, memoryPercent);
    }
}
