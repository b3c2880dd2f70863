package org.opsmon.monitoring.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A server restart in the middle of a firing alert: the alert that was already paged is not paged
 * again, and a notification still pending when the server stopped is delivered once it is back.
 * The server is the built WAR on Payara Micro, started and stopped as a process of its own twice,
 * on a database of this test's own (the integration database's name with {@code _restart}).
 */
class NotificationRestartIT {

    static final Duration DELIVERY = Duration.ofSeconds(30);

    WebhookSink sink;
    Process server;
    int port;
    Path work;
    String database;

    @BeforeEach
    void freshDatabase() throws Exception {
        URI url = URI.create(System.getProperty("it.db.url").substring("jdbc:".length()));
        database = url.getPath().substring(1) + "_restart";
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + url.getHost() + ":"
                + (url.getPort() < 0 ? 5432 : url.getPort()) + "/postgres", System.getProperty("it.db.user"),
                System.getProperty("it.db.password", "")); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + database);
        }
        work = Path.of(System.getProperty("it.data.dir"), "restart");
        Files.createDirectories(work);
        sink = new WebhookSink();
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
    }

    @AfterEach
    void stopEverything() throws InterruptedException {
        stop();
        sink.close();
    }

    void start() throws Exception {
        URI url = URI.create(System.getProperty("it.db.url").substring("jdbc:".length()));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", System.getProperty("payara.microJar"), "--deploy", System.getProperty("monitoring.war"),
                "--contextroot", "/", "--port", String.valueOf(port), "--nocluster",
                "--rootdir", work.resolve("payara").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("server.log").toFile()));
        builder.environment().putAll(Map.of(
                "MONITORING_DB_URL", "jdbc:postgresql://" + url.getHost() + ":" + (url.getPort() < 0 ? 5432 : url.getPort())
                        + "/" + database,
                "MONITORING_DB_USER", System.getProperty("it.db.user"),
                "MONITORING_DB_PASSWORD", System.getProperty("it.db.password", ""),
                "MONITORING_ADMIN_PASSWORD", Api.ADMIN_PASSWORD,
                "MONITORING_DATA_DIR", work.resolve("data").toString(),
                "MONITORING_SELF_INTERVAL", "0",
                "MONITORING_NOTIFY_GROUP_WINDOW", "1",
                "MONITORING_NOTIFY_RETRY_BASE", "1",
                "MONITORING_NOTIFY_RETRY_MAX", "2",
                "MONITORING_NOTIFY_POLL_MS", "200"));
        server = builder.start();
        awaitReady(Duration.ofMinutes(4));
    }

    void stop() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroy();
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * The application answers once its database is migrated and its API is deployed: the health
     * check registers a moment before the web module takes requests, so both must answer.
     */
    void awaitReady(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("The server exited during start-up; see " + work.resolve("server.log"));
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                HttpResponse<Void> token = http.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/api/auth/token")).timeout(Duration.ofSeconds(5))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (health.body().contains("\"name\":\"database\",\"status\":\"UP\"") && token.statusCode() == 400) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("The server was not ready within " + timeout);
    }

    /**
     * A restarted server redeploys the application from its own directory: health and the token
     * endpoint may answer a moment before the rest of the API, which says 503 meanwhile. An
     * authenticated read answering 200 means every resource is in place.
     */
    static void awaitAuthenticatedApi(Api api, String token) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int last = 0;
        while (System.nanoTime() < deadline) {
            last = api.get("/api/alerts?limit=1", token).status();
            if (last == 200) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("The restarted API did not answer 200 within 60 s (last: " + last + ")");
    }

    static boolean carries(WebhookSink.Hit hit, String metric, String path) {
        return hit.body().getJsonArray("alerts").getValuesAs(JsonObject.class).stream()
                .anyMatch(a -> a.getString("metric").equals(metric)
                        && (path == null || path.equals(a.getJsonObject("labels").getString("path", null))));
    }

    @Test
    void aRestartSendsNoSecondPageAndLosesNothingPending() throws Exception {
        start();
        Api api = new Api(new URL("http://127.0.0.1:" + port + "/"));
        String admin = api.adminToken();
        api.postJson("/api/notification-channels", admin, ("{'name': 'pager', 'type': 'webhook', 'settings': {'url': '"
                + sink.url("/page") + "'}, 'filters': {'metrics': ['memory', 'disk']}}").replace('\'', '"')).expect(201);
        Api.Agent agent = api.newAgent(admin, "restart");
        String metrics = "/api/clients/" + agent.clientId() + "/metrics";
        long now = Instant.now().getEpochSecond();

        // Memory goes critical: one page.
        api.postJson(metrics, agent.token(), Breaches.snapshot(now - 30, 95, Map.of("/", 10.0))).expect(200);
        sink.await("/page", hits -> hits.size() == 1, DELIVERY);
        assertTrue(carries(sink.at("/page").get(0), "memory.percentage", null));

        // The pager goes down; the disk fills up: that page waits in the outbox.
        sink.failNext("/page", 1_000_000);
        api.postJson(metrics, agent.token(), Breaches.snapshot(now - 20, 95, Map.of("/", 97.0))).expect(200);
        sink.await("/page", hits -> hits.stream().anyMatch(h -> h.answered() == 500 && carries(h, "disk.percentage", "/")),
                DELIVERY);

        stop();
        sink.failNext("/page", 0);
        int seenWhileDown = sink.hits.size();
        start();
        awaitAuthenticatedApi(api, admin);

        // What was pending is delivered once the server is back.
        List<WebhookSink.Hit> afterRestart = sink.await("/page", hits -> hits.stream().skip(seenWhileDown)
                .anyMatch(h -> h.answered() == 200 && carries(h, "disk.percentage", "/")), DELIVERY);
        // Memory and / are still critical; a third mount breaking is the one new page (the token outlives the restart).
        api.postJson(metrics, agent.token(), Breaches.snapshot(Instant.now().getEpochSecond(), 95,
                Map.of("/", 97.0, "/data", 98.0))).expect(200);
        List<WebhookSink.Hit> all = sink.await("/page", hits -> hits.stream()
                .anyMatch(h -> h.answered() == 200 && carries(h, "disk.percentage", "/data")), DELIVERY);

        List<WebhookSink.Hit> delivered = all.stream().filter(h -> h.answered() == 200).toList();
        assertEquals(1, delivered.stream().filter(h -> carries(h, "memory.percentage", null)).count(),
                "the memory alert was paged once, not again after the restart: " + bodies(delivered));
        assertEquals(1, delivered.stream().filter(h -> carries(h, "disk.percentage", "/")).count(),
                "the pending page was delivered once: " + bodies(delivered));
        assertEquals(3, delivered.size(), bodies(delivered));
        assertTrue(afterRestart.size() > seenWhileDown);
    }

    static String bodies(List<WebhookSink.Hit> hits) {
        return hits.stream().map(h -> h.body().getString("summary")).toList().toString();
    }
}
