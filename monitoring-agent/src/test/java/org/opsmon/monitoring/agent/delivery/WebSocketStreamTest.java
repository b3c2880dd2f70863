package org.opsmon.monitoring.agent.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.websocket.CloseReason;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.glassfish.tyrus.server.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.opsmon.monitoring.agent.collect.Fields;
import org.opsmon.monitoring.agent.schedule.CollectionScheduler;
import org.opsmon.monitoring.agent.schedule.SnapshotSplitter;
import org.opsmon.monitoring.agent.spool.Spool;
import org.opsmon.monitoring.agent.text.TextRule;

/**
 * The agent's WebSocket stream against a real WebSocket server (Tyrus on Grizzly) that plays
 * {@code /ws/agent}: it records every snapshot frame and answers with acks and error frames
 * when the test says so, as the monitoring server does once a snapshot is stored or refused.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebSocketStreamTest {

    /** Every connection the server accepted, oldest first; Tyrus makes one endpoint per connection. */
    static final List<Connection> CONNECTIONS = new CopyOnWriteArrayList<>();
    /** UTF-8 size of every frame received and every command line in them, over all connections. */
    static final List<Integer> FRAME_BYTES = new CopyOnWriteArrayList<>();
    static final List<String> COMMANDS = new CopyOnWriteArrayList<>();

    record Connection(Session session, String authorization, List<Long> received) {
        void send(String frame) throws IOException {
            session.getBasicRemote().sendText(frame);
        }

        void ack(long... seqs) throws IOException {
            for (long seq : seqs) {
                send("{\"type\":\"ack\",\"seq\":" + seq + "}");
            }
        }
    }

    @ServerEndpoint(value = "/ws/agent", configurator = AgentEndpoint.Handshake.class)
    public static class AgentEndpoint {

        private Connection connection;

        @OnOpen
        public void open(Session session) {
            connection = new Connection(session, (String) session.getUserProperties().get("authorization"),
                    new CopyOnWriteArrayList<>());
            CONNECTIONS.add(connection);
        }

        @OnMessage
        public void snapshot(String frame) {
            FRAME_BYTES.add(frame.getBytes(StandardCharsets.UTF_8).length);
            try (JsonReader r = Fields.JSON.createReader(new StringReader(frame))) {
                JsonObject snapshot = r.readObject();
                JsonArray commands = snapshot.getJsonArray("commands");
                if (commands != null) {
                    commands.forEach(c -> COMMANDS.add(c.asJsonObject().getString("command")));
                }
                connection.received().add(snapshot.getJsonNumber("seq").longValue());
            }
        }

        public static class Handshake extends ServerEndpointConfig.Configurator {
            @Override
            public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
                List<String> auth = request.getHeaders().get("Authorization");
                config.getUserProperties().put("authorization", auth == null ? null : auth.get(0));
            }
        }
    }

    @TempDir
    Path dir;

    Server server;
    URI base;
    Spool spool;
    DeadLetters deadLetters;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    final List<WebSocketStream> streams = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        CONNECTIONS.clear();
        FRAME_BYTES.clear();
        COMMANDS.clear();
        server = new Server("127.0.0.1", 0, "/", null, AgentEndpoint.class);
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getPort());
        spool = Spool.open(dir, 10 << 20);
        deadLetters = new DeadLetters(dir, 1 << 20);
    }

    @AfterEach
    void stop() throws IOException {
        streams.forEach(WebSocketStream::close);
        server.stop();
        spool.close();
    }

    private void spoolSnapshots(long from, long to) throws IOException {
        for (long seq = from; seq <= to; seq++) {
            spool.append(seq, ("{\"timestamp\":1.0,\"seq\":" + seq + "}").getBytes(StandardCharsets.UTF_8));
        }
    }

    private WebSocketStream open() throws Exception {
        WebSocketStream stream = WebSocketStream.open(http, base, "tok-1", spool, deadLetters);
        streams.add(stream);
        return stream;
    }

    /** Pumps as the delivery thread does until the condition holds. */
    private static void pumpUntil(WebSocketStream stream, String what, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("not within 20 s: " + what);
            }
            stream.pump(20);
        }
    }

    private static List<Long> seqs(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    @Test
    void acknowledgedSnapshotsLeaveTheSpoolInOrder() throws Exception {
        spoolSnapshots(1, 5);
        WebSocketStream stream = open();
        pumpUntil(stream, "five snapshots sent", () -> CONNECTIONS.size() == 1 && CONNECTIONS.get(0).received().size() == 5);
        Connection c = CONNECTIONS.get(0);
        assertEquals("Bearer tok-1", c.authorization());
        assertEquals(seqs(1, 5), c.received());
        assertEquals(5, spool.pending(), "nothing leaves the spool before its ack");

        c.ack(1, 2, 3, 4, 5);
        pumpUntil(stream, "the spool is empty", () -> spool.pending() == 0);
        assertEquals(0, stream.inFlight());
        spoolSnapshots(6, 6);
        pumpUntil(stream, "a new snapshot follows at once", () -> c.received().size() == 6);
        assertEquals(seqs(1, 6), c.received(), "acknowledged snapshots are not sent again");
        assertTrue(stream.isOpen());
    }

    @Test
    void atMostAWindowOfSnapshotsAwaitsItsAcks() throws Exception {
        spoolSnapshots(1, WebSocketStream.WINDOW + 50);
        WebSocketStream stream = open();
        pumpUntil(stream, "a full window sent", () -> !CONNECTIONS.isEmpty()
                && CONNECTIONS.get(0).received().size() == WebSocketStream.WINDOW);
        Connection c = CONNECTIONS.get(0);
        for (int i = 0; i < 5; i++) {
            assertTrue(stream.pump(20));
        }
        assertEquals(WebSocketStream.WINDOW, c.received().size(), "no frame beyond the window without an ack");
        assertEquals(WebSocketStream.WINDOW, stream.inFlight());

        c.ack(LongStream.rangeClosed(1, 30).toArray());
        pumpUntil(stream, "30 acks make room for 30 more", () -> c.received().size() == WebSocketStream.WINDOW + 30);
        for (int i = 0; i < 5; i++) {
            stream.pump(20);
        }
        assertEquals(seqs(1, WebSocketStream.WINDOW + 30), c.received());
        assertEquals(WebSocketStream.WINDOW, stream.inFlight());
        assertEquals(WebSocketStream.WINDOW + 20, spool.pending());
    }

    @Test
    void invalidSnapshotIsDroppedAndAnyOtherErrorResendsFromThatSeq() throws Exception {
        spoolSnapshots(1, 4);
        WebSocketStream stream = open();
        pumpUntil(stream, "four snapshots sent", () -> !CONNECTIONS.isEmpty() && CONNECTIONS.get(0).received().size() == 4);
        Connection c = CONNECTIONS.get(0);

        c.send("{\"type\":\"error\",\"code\":\"invalid_snapshot\",\"seq\":2,\"message\":\"memory.total is negative\"}");
        pumpUntil(stream, "the invalid snapshot is counted", () -> deadLetters.rejected() == 1);
        c.ack(1);
        c.send("{\"type\":\"error\",\"code\":\"storage_unavailable\",\"seq\":3,\"message\":\"database is down\"}");
        pumpUntil(stream, "snapshots from seq 3 on sent again", () -> c.received().size() == 6);
        assertEquals(List.of(1L, 2L, 3L, 4L, 3L, 4L), c.received());

        c.ack(3, 4);
        pumpUntil(stream, "the spool is empty", () -> spool.pending() == 0);
        for (int i = 0; i < 3; i++) {
            stream.pump(20);
        }
        assertEquals(6, c.received().size(), "the invalid snapshot is never sent again");
        assertEquals(1, deadLetters.rejected());
    }

    @Test
    void aClosedStreamEndsAndTheNextConnectionResendsWhatWasNotAcknowledged() throws Exception {
        spoolSnapshots(1, 4);
        WebSocketStream first = open();
        pumpUntil(first, "four snapshots sent", () -> !CONNECTIONS.isEmpty() && CONNECTIONS.get(0).received().size() == 4);
        Connection c1 = CONNECTIONS.get(0);
        c1.ack(1, 2);
        pumpUntil(first, "two acks arrived", () -> spool.pending() == 2);

        c1.session().close(new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "restarting"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (first.pump(20)) {
            assertTrue(System.nanoTime() - deadline < 0, "the stream notices the close");
        }
        assertFalse(first.isOpen());
        assertTrue(first.closeReason().contains("1011"), first.closeReason());

        WebSocketStream second = open();
        pumpUntil(second, "the unacknowledged snapshots sent again", () -> CONNECTIONS.size() == 2
                && CONNECTIONS.get(1).received().size() == 2);
        Connection c2 = CONNECTIONS.get(1);
        assertEquals(List.of(3L, 4L), c2.received());
        c2.ack(3, 4);
        pumpUntil(second, "the spool is empty", () -> spool.pending() == 0);
    }

    private static String error(String code, long seq) {
        return "{\"type\":\"error\",\"code\":\"" + code + "\",\"seq\":" + seq + ",\"message\":\"could not store\"}";
    }

    @Test
    void aSnapshotThatKeepsFailingWhileOthersAreStoredIsDeadLettered() throws Exception {
        spoolSnapshots(1, 4);
        WebSocketStream stream = open();
        pumpUntil(stream, "four snapshots sent", () -> !CONNECTIONS.isEmpty() && CONNECTIONS.get(0).received().size() == 4);
        Connection c = CONNECTIONS.get(0);
        c.ack(1);
        for (int round = 1; round <= HttpBatchSender.POISON_AFTER; round++) {
            int before = c.received().size();
            c.send(error("storage_failed", 2));
            if (round < HttpBatchSender.POISON_AFTER) {
                pumpUntil(stream, "seq 2 sent again", () -> c.received().size() > before && c.received().contains(2L));
                c.ack(round == 1 ? 3 : 4);
            }
        }
        pumpUntil(stream, "seq 2 dead-lettered", () -> deadLetters.deadLettered() == 1);
        pumpUntil(stream, "the spool is empty", () -> spool.pending() == 0);
        int sent = c.received().size();
        spoolSnapshots(5, 5);
        pumpUntil(stream, "the next snapshot follows", () -> c.received().contains(5L));
        assertEquals(sent + 1, c.received().size(), "seq 2 is never sent again");
        assertEquals(0, deadLetters.rejected());
        List<String> lines = Files.readAllLines(dir.resolve(DeadLetters.FILE));
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).contains("\"seq\":2,") && lines.get(0).contains("\"error\":\"storage_failed\""), lines.get(0));
    }

    @Test
    void errorsForEverySnapshotWithoutAnyAckAreAnOutage() throws Exception {
        spoolSnapshots(1, 2);
        WebSocketStream stream = open();
        pumpUntil(stream, "two snapshots sent", () -> !CONNECTIONS.isEmpty() && CONNECTIONS.get(0).received().size() == 2);
        Connection c = CONNECTIONS.get(0);
        for (int i = 0; i < 2 * HttpBatchSender.POISON_AFTER; i++) {
            int before = c.received().size();
            c.send(error("storage_failed", 1));
            c.send(error("storage_failed", 2));
            pumpUntil(stream, "both sent again", () -> c.received().size() >= before + 2);
        }
        assertEquals(0, deadLetters.deadLettered());
        assertEquals(2, spool.pending(), "an outage keeps everything spooled");
        c.ack(1, 2);
        pumpUntil(stream, "the spool is empty", () -> spool.pending() == 0);
        assertEquals(0, deadLetters.deadLettered());
    }

    @Test
    void aSpooledSnapshotOverTheFrameLimitIsRejectedUnsent() throws Exception {
        spoolSnapshots(1, 1);
        String head = "{\"timestamp\":1.0,\"seq\":2,\"pad\":\"";
        spool.append(2, (head + "x".repeat((int) HttpBatchSender.MAX_BODY) + "\"}").getBytes(StandardCharsets.UTF_8));
        spoolSnapshots(3, 3);
        WebSocketStream stream = open();
        pumpUntil(stream, "the others sent", () -> !CONNECTIONS.isEmpty() && CONNECTIONS.get(0).received().size() == 2);
        Connection c = CONNECTIONS.get(0);
        assertEquals(List.of(1L, 3L), c.received());
        assertEquals(1, deadLetters.rejected());
        c.ack(1, 3);
        pumpUntil(stream, "the spool is empty", () -> spool.pending() == 0);
        assertTrue(stream.isOpen(), "the server never saw a frame it would close the stream on");
    }

    @Test
    void threeHundredLongCommandLinesTravelInFramesUnderTheLimit() throws Exception {
        JsonArrayBuilder commands = Fields.array();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String line = String.format("%04d ", i) + "java -cp " + "/opt/lib/x.jar:".repeat(300);
            line = line.substring(0, TextRule.MAX_COMMAND);
            lines.add(line);
            commands.add(Fields.object().add("user", "build").add("command", line).add("started_at", 1_700_000_000L)
                    .add("pid", 1000 + i).add("source", "process"));
        }
        CollectionScheduler.Round round = new CollectionScheduler.Round(
                Map.of("commands", commands.build(), "memory", Fields.object().add("total", 1L << 30).build()), List.of());
        long[] seq = {1};
        List<SnapshotSplitter.Part> parts = new SnapshotSplitter(SnapshotSplitter.MAX_BYTES, () -> fail("nothing cut"))
                .split(1_700_000_000_000L, 1, round, null, () -> ++seq[0]);
        assertTrue(parts.size() >= 2, "1.2 MB of commands cannot go in one snapshot");
        for (SnapshotSplitter.Part p : parts) {
            spool.append(p.seq(), p.json());
        }
        WebSocketStream stream = open();
        pumpUntil(stream, "every part sent", () -> !CONNECTIONS.isEmpty() && CONNECTIONS.get(0).received().size() == parts.size());
        assertEquals(lines, COMMANDS, "every command delivered once, in order");
        assertTrue(FRAME_BYTES.stream().allMatch(b -> b <= SnapshotSplitter.MAX_BYTES), FRAME_BYTES.toString());
        assertEquals(seqs(1, parts.size()), CONNECTIONS.get(0).received());
    }

    @Test
    void aStreamTheServerRefusesAtOnceHasDeliveredNothing() throws Exception {
        spoolSnapshots(1, 2);
        WebSocketStream refused = open();
        pumpUntil(refused, "the server saw the stream", () -> !CONNECTIONS.isEmpty());
        Connection c = CONNECTIONS.get(0);
        c.send("{\"type\":\"error\",\"code\":\"too_many_streams\",\"message\":\"already 2 open streams\"}");
        c.session().close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "too_many_streams"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (refused.pump(20)) {
            assertTrue(System.nanoTime() - deadline < 0, "the stream notices the close");
        }
        assertFalse(refused.delivered(), "a refused stream must not reset the reconnect backoff");
        // Either the close frame arrives first (1008), or a snapshot's send races it and fails:
        // both end the stream, and neither may count as delivered.
        String reason = refused.closeReason();
        assertTrue(reason.contains("1008") || reason.startsWith("send failed"), reason);
        assertEquals(2, spool.pending(), "the snapshots wait for the next connection or HTTP");

        WebSocketStream accepted = open();
        pumpUntil(accepted, "both snapshots sent again", () -> CONNECTIONS.size() == 2
                && CONNECTIONS.get(1).received().size() == 2);
        assertFalse(accepted.delivered());
        CONNECTIONS.get(1).ack(1);
        pumpUntil(accepted, "the first ack arrived", accepted::delivered);
    }
}
