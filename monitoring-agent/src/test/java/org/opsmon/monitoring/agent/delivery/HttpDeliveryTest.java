package org.opsmon.monitoring.agent.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opsmon.monitoring.agent.collect.Fields;
import org.opsmon.monitoring.agent.spool.Spool;

/** Delivery against a real in-process HTTP server playing the monitoring server's contract. */
class HttpDeliveryTest {

    @TempDir
    Path dir;

    HttpServer server;
    URI base;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    final AtomicInteger logins = new AtomicInteger();
    final List<String> loginForms = Collections.synchronizedList(new ArrayList<>());
    final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
    final List<Long> stored = Collections.synchronizedList(new ArrayList<>());
    final AtomicReference<String> lastAuthorization = new AtomicReference<>();
    /** Scripted statuses for the metrics endpoint; when empty, the default behaviour applies. */
    final List<Integer> script = Collections.synchronizedList(new ArrayList<>());
    volatile int maxBatch = Integer.MAX_VALUE;
    volatile long badSeq = -1;
    /** A snapshot the server fails on with 500 whenever a batch holds it, as a server bug would. */
    volatile long poisonSeq = -1;
    final List<Integer> bodySizes = Collections.synchronizedList(new ArrayList<>());
    volatile int loginStatus = 200;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/auth/token", this::token);
        server.createContext("/api/clients/", this::metrics);
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void token(HttpExchange ex) throws IOException {
        String form = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        loginForms.add(form);
        int n = logins.incrementAndGet();
        if (loginStatus == 429) {
            ex.getResponseHeaders().add("Retry-After", "7");
            send(ex, 429, "{\"error\":\"slow_down\"}");
            return;
        }
        Map<String, String> f = new HashMap<>();
        for (String kv : form.split("&")) {
            String[] p = kv.split("=", 2);
            f.put(p[0], URLDecoder.decode(p[1], StandardCharsets.UTF_8));
        }
        if (loginStatus != 200 || !"pw&x=1".equals(f.get("password")) || !"password".equals(f.get("grant_type"))) {
            send(ex, 400, "{\"error\":\"invalid_grant\"}");
            return;
        }
        send(ex, 200, "{\"access_token\":\"tok" + n + "\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"client_id\":\"c-" + f.get("username") + "\"}");
    }

    private void metrics(HttpExchange ex) throws IOException {
        lastAuthorization.set(ex.getRequestHeaders().getFirst("Authorization"));
        assertEquals("/api/clients/c-web01/metrics", ex.getRequestURI().getPath());
        byte[] raw = ex.getRequestBody().readAllBytes();
        bodySizes.add(raw.length);
        if (raw.length > HttpBatchSender.MAX_BODY) {
            send(ex, 413, "{\"error\":\"payload_too_large\",\"message\":\"over 1 MiB\"}");
            return;
        }
        String body = new String(raw, StandardCharsets.UTF_8);
        JsonArray batch;
        try (JsonReader r = Fields.JSON.createReader(new StringReader(body))) {
            batch = r.readArray();
        }
        batchSizes.add(batch.size());
        if (!script.isEmpty()) {
            int status = script.remove(0);
            send(ex, status, "{\"error\":\"scripted\"}");
            return;
        }
        if (batch.size() > maxBatch) {
            send(ex, 413, "{\"error\":\"too_large\"}");
            return;
        }
        for (var v : batch) {
            if (v.asJsonObject().getJsonNumber("seq").longValue() == poisonSeq) {
                send(ex, 500, "{\"error\":\"storage_failed\",\"message\":\"ERROR: invalid byte sequence\"}");
                return;
            }
            if (v.asJsonObject().getJsonNumber("seq").longValue() == badSeq) {
                send(ex, 400, "{\"error\":\"invalid_snapshot\",\"message\":\"bad seq\"}");
                return;
            }
        }
        batch.forEach(v -> stored.add(v.asJsonObject().getJsonNumber("seq").longValue()));
        send(ex, 200, "{\"accepted\":" + batch.size() + ",\"duplicates\":0}");
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    private Spool spoolWith(int n) throws IOException {
        Spool s = Spool.open(dir, 10 << 20);
        for (long id = 1; id <= n; id++) {
            s.append(id, ("{\"timestamp\":1.0,\"seq\":" + id + "}").getBytes(StandardCharsets.UTF_8));
        }
        return s;
    }

    private DeadLetters deadLetters() {
        return new DeadLetters(dir, 1 << 20);
    }

    private TokenClient tokens() {
        return new TokenClient(http, base, "web01", "pw&x=1", null);
    }

    @Test
    void loginSendsFormEncodedPasswordGrantAndKeepsTheToken() throws Exception {
        TokenClient t = tokens();
        assertEquals("tok1", t.bearer());
        assertEquals("tok1", t.bearer(), "a fresh token is reused, not fetched per request");
        assertEquals(1, logins.get());
        assertEquals("c-web01", t.clientId());
        assertTrue(loginForms.get(0).contains("password=pw%26x%3D1"), "password must be form-encoded");
        t.invalidate("tok1");
        assertEquals("tok2", t.bearer());
    }

    @Test
    void rejectedAndThrottledLoginsAreTold() {
        TokenClient wrong = new TokenClient(http, base, "web01", "nope", null);
        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class, wrong::bearer);
        assertTrue(e.getMessage().contains("invalid_grant"));
        assertFalse(e.getMessage().contains("nope"), "the password never appears in messages");
        loginStatus = 429;
        ServerResponseException t = assertThrows(ServerResponseException.class, () -> tokens().bearer());
        assertEquals(429, t.status());
        assertEquals(7_000, t.retryAfterMillis());
    }

    @Test
    void batchIsStoredAndAcknowledged() throws Exception {
        Spool spool = spoolWith(20);
        HttpBatchSender sender = new HttpBatchSender(http, base, spool, deadLetters());
        TokenClient t = tokens();
        assertEquals(20, sender.sendNext(t.bearer(), t.clientId()));
        assertEquals(0, spool.pending());
        assertEquals("Bearer tok1", lastAuthorization.get());
        assertEquals(0, sender.sendNext(t.bearer(), t.clientId()));
    }

    @Test
    void tooLargeBatchIsHalvedUntilAccepted() throws Exception {
        maxBatch = 6;
        Spool spool = spoolWith(20);
        HttpBatchSender sender = new HttpBatchSender(http, base, spool, deadLetters());
        TokenClient t = tokens();
        int total = 0;
        while (spool.pending() > 0) {
            total += sender.sendNext(t.bearer(), t.clientId());
        }
        assertEquals(20, total);
        assertEquals(List.of(20, 10, 5), batchSizes.subList(0, 3));
        assertEquals(5, sender.limit());
        assertEquals(20, stored.size());
    }

    @Test
    void badBatchIsResentOneByOneAndOnlyTheRejectedSnapshotIsDropped() throws Exception {
        badSeq = 4;
        Spool spool = spoolWith(6);
        DeadLetters rejected = deadLetters();
        HttpBatchSender sender = new HttpBatchSender(http, base, spool, rejected);
        TokenClient t = tokens();
        assertEquals(6, sender.sendNext(t.bearer(), t.clientId()));
        assertEquals(List.of(1L, 2L, 3L, 5L, 6L), stored);
        assertEquals(1, rejected.rejected());
        assertEquals(0, spool.pending());
    }

    @Test
    void deliveryRenewsTheTokenOn401AndBacksOffOnServerErrors() throws Exception {
        script.addAll(List.of(401, 503, 503));
        Spool spool = spoolWith(3);
        Backoff backoff = new Backoff(20, 200);
        AtomicReference<String> fatal = new AtomicReference<>();
        Delivery d = new Delivery(spool, tokens(), http, base, Transport.HTTP, deadLetters(), fatal::set, backoff);
        d.start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (spool.pending() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        d.stop();
        assertEquals(0, spool.pending());
        assertEquals(List.of(1L, 2L, 3L), stored);
        assertEquals(2, logins.get(), "a 401 makes the agent log in again");
        assertEquals("Bearer tok2", lastAuthorization.get());
        assertEquals(null, fatal.get());
    }

    @Test
    void forbiddenIsFatal() throws Exception {
        script.add(403);
        Spool spool = spoolWith(1);
        AtomicReference<String> fatal = new AtomicReference<>();
        Delivery d = new Delivery(spool, tokens(), http, base, Transport.HTTP, deadLetters(), fatal::set, new Backoff(20, 200));
        d.start();
        long deadline = System.currentTimeMillis() + 5_000;
        while (fatal.get() == null && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        d.stop();
        assertTrue(fatal.get().contains("403"));
        assertEquals(1, spool.pending(), "nothing is lost on a fatal error");
    }

    private void deliverAll(Delivery d, Spool spool) throws InterruptedException {
        d.start();
        long deadline = System.currentTimeMillis() + 20_000;
        while (spool.pending() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        d.stop();
    }

    @Test
    void aSnapshotTheServerKeepsFailingOnIsDeadLetteredAndTheOthersAreDeliveredInOrder() throws Exception {
        poisonSeq = 4;
        Spool spool = spoolWith(10);
        DeadLetters letters = deadLetters();
        Delivery d = new Delivery(spool, tokens(), http, base, Transport.HTTP, letters, r -> { }, new Backoff(20, 200));
        deliverAll(d, spool);

        assertEquals(0, spool.pending(), "delivery went past the poison snapshot");
        assertEquals(List.of(1L, 2L, 3L, 5L, 6L, 7L, 8L, 9L, 10L), stored);
        assertEquals(1, letters.deadLettered());
        assertEquals(0, letters.rejected());
        List<String> lines = Files.readAllLines(dir.resolve(DeadLetters.FILE));
        assertEquals(1, lines.size());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(DeadLetters.FILE))),
                "snapshots hold command lines");
        JsonObject line = Fields.JSON.createReader(new StringReader(lines.get(0))).readObject();
        assertEquals(4, line.getInt("seq"));
        assertEquals(500, line.getInt("status"));
        assertEquals("storage_failed", line.getString("error"));
        assertEquals("dead_lettered", line.getString("outcome"));
        assertEquals(4, line.getJsonObject("snapshot").getInt("seq"), "the snapshot itself is kept for inspection");
        assertTrue(batchSizes.size() <= HttpBatchSender.POISON_AFTER + 12, "bounded requests: " + batchSizes);
    }

    @Test
    void aServerFailingOnEverythingIsAnOutageAndDeadLettersNothing() throws Exception {
        for (int i = 0; i < 30; i++) {
            script.add(i < 20 ? 500 : 503);
        }
        Spool spool = spoolWith(10);
        DeadLetters letters = deadLetters();
        Delivery d = new Delivery(spool, tokens(), http, base, Transport.HTTP, letters, r -> { }, new Backoff(5, 50));
        deliverAll(d, spool);

        assertEquals(0, spool.pending());
        assertTrue(script.isEmpty(), "every scripted failure was answered");
        assertEquals(LongStream.rangeClosed(1, 10).boxed().toList(), stored, "everything, in order, once the server is back");
        assertEquals(0, letters.deadLettered());
        assertFalse(Files.exists(dir.resolve(DeadLetters.FILE)));
    }

    @Test
    void batchBodiesStayWithinTheServersLimit() throws Exception {
        Spool spool = Spool.open(dir, 10 << 20);
        int size = (int) (HttpBatchSender.MAX_BODY / 2);
        for (long id = 1; id <= 4; id++) {
            String head = "{\"timestamp\":1.0,\"seq\":" + id + ",\"pad\":\"";
            spool.append(id, (head + "x".repeat(size - head.length() - 2) + "\"}").getBytes(StandardCharsets.UTF_8));
        }
        DeadLetters letters = deadLetters();
        HttpBatchSender sender = new HttpBatchSender(http, base, spool, letters);
        TokenClient t = tokens();
        while (spool.pending() > 0) {
            sender.sendNext(t.bearer(), t.clientId());
        }
        assertEquals(List.of(1L, 2L, 3L, 4L), stored);
        assertEquals(0, letters.rejected());
        assertTrue(bodySizes.stream().allMatch(b -> b <= HttpBatchSender.MAX_BODY), bodySizes.toString());
    }

    @Test
    void backoffGrowsExponentiallyWithJitterUpToTheCap() {
        Backoff b = new Backoff(1_000, 60_000);
        List<Long> ceilings = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            ceilings.add(b.ceilingMillis());
            long d = b.nextDelayMillis();
            assertTrue(d >= 0 && d <= ceilings.get(i));
        }
        assertEquals(List.of(1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 32_000L, 60_000L, 60_000L, 60_000L), ceilings);
        b.reset();
        assertEquals(1_000, b.ceilingMillis());
    }
}
