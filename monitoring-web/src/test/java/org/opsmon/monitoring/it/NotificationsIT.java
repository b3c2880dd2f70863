package org.opsmon.monitoring.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.mail.internet.MimeMessage;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Notifications end to end with real peers: an SMTP server (GreenMail) and an HTTP receiver in
 * this test, the real WAR on Payara Micro with PostgreSQL. Metrics are posted as an agent does;
 * the default rules turn them into alerts, the outbox into messages. The container runs with a
 * grouping window of 1 s and retries after 1 s then 2 s (arquillian.xml).
 */
class NotificationsIT extends DeployedApplication {

    static final Duration DELIVERY = Duration.ofSeconds(20);

    WebhookSink sink;
    String viewer;

    @BeforeEach
    void receivers() throws Exception {
        sink = new WebhookSink();
        String name = "viewer-" + UUID.randomUUID().toString().substring(0, 8);
        api.postJson("/api/users", admin, "{\"username\":\"" + name + "\",\"password\":\"viewer-password-1\",\"role\":\"viewer\"}")
                .expect(201);
        viewer = api.token(name, "viewer-password-1");
    }

    @AfterEach
    void removeChannels() {
        for (JsonValue channel : api.get("/api/notification-channels", admin).expect(200).array()) {
            api.delete("/api/notification-channels/" + channel.asJsonObject().getInt("id"), admin).expect(204);
        }
        sink.close();
    }

    JsonObject channel(String json) {
        return api.postJson("/api/notification-channels", admin, json.replace('\'', '"')).expect(201).json();
    }

    void post(Api.Agent agent, String snapshot) {
        api.postJson("/api/clients/" + agent.clientId() + "/metrics", agent.token(), snapshot).expect(200);
    }

    static Map<String, Double> disks(int count, double percent) {
        Map<String, Double> disks = new HashMap<>();
        for (int i = 0; i < count; i++) {
            disks.put("/data" + i, percent);
        }
        return disks;
    }

    static List<JsonObject> alerts(WebhookSink.Hit hit) {
        return hit.body().getJsonArray("alerts").getValuesAs(JsonObject.class);
    }

    @Test
    void channelsAreValidatedAndTheirSecretsNeverShown() {
        JsonObject email = channel("{'name': 'Ops mail', 'type': 'email', 'settings': {'host': 'smtp.example.com', "
                + "'port': 587, 'security': 'starttls', 'from': 'monitoring@example.com', 'to': ['ops@example.com'], "
                + "'username': 'mailer', 'password': 'smtp-secret-1'}, 'filters': {'min_level': 'CRITICAL', "
                + "'metrics': ['disk'], 'window': {'from': '22:00', 'to': '06:00', 'zone': 'Europe/Paris'}}}");
        channel("{'name': 'hook', 'type': 'webhook', 'settings': {'url': '" + sink.url("/hook")
                + "', 'headers': {'X-Token': 'header-secret-2'}}}");
        channel("{'name': 'slack', 'type': 'slack', 'settings': {'webhook_url': '" + sink.url("/services/T0/B0/slack-secret-3")
                + "', 'channel': '#ops'}, 'enabled': false}");
        assertTrue(email.getJsonObject("settings").getBoolean("password_set"));
        assertEquals("CRITICAL", email.getJsonObject("filters").getString("min_level"));
        assertEquals("Europe/Paris", email.getJsonObject("filters").getJsonObject("window").getString("zone"));
        assertTrue(email.getBoolean("enabled"));
        assertEquals(0, email.getInt("handled"));

        for (String token : List.of(admin, viewer)) {
            String all = api.get("/api/notification-channels", token).expect(200).body();
            for (String secret : List.of("smtp-secret-1", "header-secret-2", "slack-secret-3")) {
                assertFalse(all.contains(secret), secret + " shown in " + all);
            }
            assertTrue(all.contains("\"header_names\":[\"X-Token\"]"), all);
            assertTrue(all.contains("\"webhook_url_set\":true"), all);
        }
        assertFalse(api.get("/api/notification-channels/hook", viewer).expect(200).body().contains("header-secret-2"));
        JsonObject openApi = api.openApi();
        assertFalse(openApi.toString().contains("secret-"));
        assertTrue(Api.answerProperties(openApi, "/api/notification-channels/{channel}", "get").containsKey("last_error_at"));
        assertTrue(Api.answerProperties(openApi, "/api/notifications", "get").containsKey("next_attempt_at"));
        assertTrue(Api.answerProperties(openApi, "/api/notification-channels/{channel}/test", "post")
                .containsKey("delivered"));

        // A change without the secret keeps it: the receiver still gets the header.
        JsonObject moved = api.send(api.request("/api/notification-channels/hook", admin)
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(("{'settings': {'url': '" + sink.url("/moved")
                        + "', 'timeout_s': 3}}").replace('\'', '"')))).expect(200).json();
        assertEquals(3, moved.getJsonObject("settings").getInt("timeout_s"));
        JsonObject tested = testAction("hook", admin).expect(200).json();
        assertTrue(tested.getBoolean("delivered"), tested.toString());
        WebhookSink.Hit test = sink.at("/moved").get(0);
        assertEquals(List.of("header-secret-2"), test.headers().get("X-token"));
        assertEquals("test", test.body().getString("type"));

        // Refusals: clear 400s naming the field, 409 for a taken name, nothing stored.
        Map<String, String> refusals = Map.ofEntries(
                Map.entry("{'name': 'x', 'type': 'pager'}", "invalid_type"),
                Map.entry("{'name': 'x', 'type': 'webhook', 'settings': {'url': 'ftp://example.com'}}", "invalid_settings"),
                Map.entry("{'name': 'x', 'type': 'webhook', 'settings': {'url': 'https://a.example', 'timeout_s': -5}}",
                        "invalid_settings"),
                Map.entry("{'name': 'x', 'type': 'email', 'settings': {'host': 'h', 'from': 'a@b.c', 'to': ['nobody']}}",
                        "invalid_settings"),
                Map.entry("{'name': 'x', 'type': 'log', 'filters': {'window': {'from': '22:00', 'to': '06:00', "
                        + "'zone': 'Mars/Base'}}}", "invalid_filters"),
                Map.entry("{'name': 'x', 'type': 'log', 'filters': {'window': {'from': '24:00', 'to': '06:00', "
                        + "'zone': 'UTC'}}}", "invalid_filters"),
                Map.entry("{'name': 'x', 'type': 'file', 'settings': {'file': '../../etc/cron.d/x'}}", "invalid_settings"),
                Map.entry("{'name': '42', 'type': 'log'}", "invalid_name"),
                Map.entry("{'name': 'x', 'type': 'log', 'colour': 'red'}", "invalid_request"),
                Map.entry("{'name': 'x', 'type': 'log', 'enabled': 'yes'}", "invalid_request"));
        refusals.forEach((body, code) -> {
            Api.Reply reply = api.postJson("/api/notification-channels", admin, body.replace('\'', '"')).expect(400);
            assertEquals(code, reply.error(), body + " → " + reply.body());
            assertFalse(reply.json().getString("message").isBlank());
        });
        Api.Reply bad = api.postJson("/api/notification-channels", admin,
                "{\"name\":\"x\",\"type\":\"webhook\",\"settings\":{\"url\":\"ftp://example.com\"}}");
        assertEquals("settings.url must be an absolute http or https URL with a host, got 'ftp://example.com'",
                bad.json().getString("message"));
        assertEquals("name_taken", api.postJson("/api/notification-channels", admin,
                "{\"name\":\"hook\",\"type\":\"log\"}").expect(409).error());
        assertEquals(3, api.get("/api/notification-channels", admin).expect(200).array().size());
        // The cap (6 in this container's configuration) answers with the code naming it.
        for (int i = 4; i <= 6; i++) {
            channel("{'name': 'log " + i + "', 'type': 'log'}");
        }
        Api.Reply capped = api.postJson("/api/notification-channels", admin, "{\"name\":\"log 7\",\"type\":\"log\"}")
                .expect(409);
        assertEquals("channel_limit", capped.error());
        assertTrue(capped.json().getString("message").contains("monitoring.notify.channels.max"), capped.body());

        api.postJson("/api/notification-channels", viewer, "{\"name\":\"v\",\"type\":\"log\"}").expect(403);
        api.delete("/api/notification-channels/hook", viewer).expect(403);
        testAction("hook", viewer).expect(403);
        api.get("/api/notification-channels", null).expect(401);
        assertEquals("not_found", api.get("/api/notification-channels/nothing", admin).expect(404).error());
        assertEquals("invalid_status", api.get("/api/notifications?status=lost", viewer).expect(400).error());
        assertEquals("invalid_limit", api.get("/api/notifications?limit=0", viewer).expect(400).error());
    }

    @Test
    void anEmailReachesARealSmtpServer() throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("ops@example.com", "mailer", "mail-pass-4"));
        smtp.start();
        try {
            JsonObject created = channel("{'name': 'mail', 'type': 'email', 'settings': {'host': '127.0.0.1', 'port': "
                    + smtp.getSmtp().getPort() + ", 'security': 'none', 'from': 'monitoring@example.com', "
                    + "'to': ['ops@example.com'], 'username': 'mailer', 'password': 'mail-pass-4', 'timeout_s': 5}, "
                    + "'filters': {'metrics': ['memory']}}");
            JsonObject tested = testAction("mail", admin).expect(200).json();
            assertTrue(tested.getBoolean("delivered"), tested.toString());
            assertTrue(tested.isNull("error"));
            assertTrue(smtp.waitForIncomingEmail(10_000, 1));
            assertTrue(smtp.getReceivedMessages()[0].getSubject().startsWith("[WARNING] [TEST] monitoring: Test notification"));

            Api.Agent agent = api.newAgent(admin, "mailhost");
            long now = Instant.now().getEpochSecond();
            post(agent, Breaches.snapshot(now - 2, 93, Map.of("/", 10.0)));
            assertTrue(smtp.waitForIncomingEmail(DELIVERY.toMillis(), 2), "the alert's e-mail arrives");
            MimeMessage alert = smtp.getReceivedMessages()[1];
            assertTrue(alert.getSubject().startsWith("[CRITICAL] " + agent.name() + ": "), alert.getSubject());
            assertEquals("ops@example.com", alert.getAllRecipients()[0].toString());
            String body = ((String) alert.getContent());
            assertTrue(body.contains("memory.percentage = 93"), body);

            // Resolved notifications are sent too.
            post(agent, Breaches.snapshot(now - 1, 40, Map.of("/", 10.0)));
            assertTrue(smtp.waitForIncomingEmail(DELIVERY.toMillis(), 3), "the resolution's e-mail arrives");
            assertTrue(smtp.getReceivedMessages()[2].getSubject().startsWith("[RESOLVED] " + agent.name()),
                    smtp.getReceivedMessages()[2].getSubject());

            // A wrong password is an error the test action names, and nothing else changes.
            api.send(api.request("/api/notification-channels/mail", admin).header("Content-Type", "application/json")
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"settings\":{\"host\":\"127.0.0.1\",\"port\":"
                            + smtp.getSmtp().getPort() + ",\"security\":\"none\",\"from\":\"monitoring@example.com\","
                            + "\"to\":[\"ops@example.com\"],\"username\":\"mailer\",\"password\":\"wrong\"}}"))).expect(200);
            JsonObject refused = testAction("mail", admin).expect(200).json();
            assertFalse(refused.getBoolean("delivered"));
            assertTrue(refused.getString("error").startsWith("SMTP 127.0.0.1:" + smtp.getSmtp().getPort() + " (none): "),
                    refused.getString("error"));
            assertFalse(refused.toString().contains("wrong"));
            JsonObject after = api.get("/api/notification-channels/" + created.getInt("id"), admin).expect(200).json();
            assertEquals(2, after.getInt("handled"), "the alert and its resolution; tests are not counted");
        } finally {
            smtp.stop();
        }
    }

    @Test
    void twelveAlertsOfOneHostBecomeOneMessagePerChannelWithSlackColours() throws Exception {
        channel("{'name': 'hook', 'type': 'webhook', 'settings': {'url': '" + sink.url("/hook") + "'}, "
                + "'filters': {'metrics': ['disk']}}");
        channel("{'name': 'slack', 'type': 'slack', 'settings': {'webhook_url': '" + sink.url("/slack")
                + "', 'username': 'monitoring'}, 'filters': {'metrics': ['disk.percentage']}}");
        String file = "burst-" + UUID.randomUUID().toString().substring(0, 8) + ".log";
        channel("{'name': 'file', 'type': 'file', 'settings': {'file': '" + file + "', 'format': 'json'}, "
                + "'filters': {'metrics': ['disk']}}");
        Api.Agent agent = api.newAgent(admin, "burst");
        post(agent, Breaches.snapshot(Instant.now().getEpochSecond() - 1, 40, disks(12, 97)));

        List<WebhookSink.Hit> hook = sink.await("/hook", hits -> !hits.isEmpty(), DELIVERY);
        List<WebhookSink.Hit> slack = sink.await("/slack", hits -> !hits.isEmpty(), DELIVERY);
        // Absence cannot be polled for: a second message would follow within the next grouping window.
        Thread.sleep(1500);
        assertEquals(1, sink.at("/hook").size(), "one message for twelve alerts");
        assertEquals(1, sink.at("/slack").size());
        JsonObject payload = hook.get(0).body();
        assertEquals(12, payload.getInt("count"));
        assertEquals("CRITICAL", payload.getString("level"));
        assertEquals(12, alerts(hook.get(0)).stream().filter(a -> a.getString("source").equals(agent.name())).count());
        assertTrue(payload.getString("summary").startsWith("[CRITICAL] 12 alert changes: " + agent.name() + " (12)"));
        JsonObject message = slack.get(0).body();
        assertEquals(":rotating_light:", message.getString("icon_emoji"));
        assertEquals("monitoring", message.getString("username"));
        assertEquals(12, message.getJsonArray("attachments").size());
        assertEquals("#d40e0d", message.getJsonArray("attachments").getJsonObject(0).getString("color"));

        // The file channel wrote one JSON line per alert into the notification directory.
        Path written = Path.of(System.getProperty("it.data.dir"), "postgres", "notifications", file);
        List<String> lines = awaitLines(written, 12);
        assertEquals(12, lines.size());
        assertTrue(lines.stream().allMatch(l -> parse(l).getString("source").equals(agent.name())
                && parse(l).getString("metric").equals("disk.percentage")), lines.toString());

        JsonArray sent = api.get("/api/notifications?status=sent&channel=hook", viewer).expect(200).array();
        assertEquals(1, sent.size());
        JsonObject row = sent.getJsonObject(0);
        assertEquals(12, row.getInt("alert_count"));
        assertEquals(1, row.getInt("attempts"));
        assertEquals("hook", row.getString("channel"));
        assertTrue(row.getJsonArray("alerts").getJsonObject(0).getString("message").startsWith("Critical"),
                row.toString());
        assertEquals(payload.getJsonNumber("notification_id").longValue(), row.getJsonNumber("id").longValue());
        assertEquals(0, api.get("/api/notifications?status=pending&channel=hook", viewer).expect(200).array().size());
    }

    @Test
    void aChannelThatFailsThreeTimesIsRetriedThenDelivered() throws Exception {
        sink.failNext("/flaky", 3);
        JsonObject flaky = channel("{'name': 'flaky', 'type': 'webhook', 'settings': {'url': '" + sink.url("/flaky") + "'}, "
                + "'filters': {'metrics': ['memory']}}");
        Api.Agent agent = api.newAgent(admin, "flaky");
        post(agent, Breaches.snapshot(Instant.now().getEpochSecond() - 1, 85, Map.of("/", 10.0)));

        List<WebhookSink.Hit> hits = sink.await("/flaky", seen -> seen.stream().anyMatch(h -> h.answered() == 200),
                DELIVERY);
        assertEquals(List.of(500, 500, 500, 200), hits.stream().map(WebhookSink.Hit::answered).toList());
        assertTrue(hits.stream().allMatch(h -> h.body().equals(hits.get(0).body())), "the same notification each time");
        long firstToLast = (hits.get(3).receivedNanos() - hits.get(0).receivedNanos()) / 1_000_000;
        assertTrue(firstToLast >= 4_000, "backoff of 1 s, 2 s, 2 s between attempts; took " + firstToLast + " ms");

        JsonObject row = awaitNotification("flaky", "sent");
        assertEquals(4, row.getInt("attempts"));
        assertTrue(row.isNull("last_error"));
        JsonObject counted = api.get("/api/notification-channels/" + flaky.getInt("id"), viewer).expect(200).json();
        assertEquals(1, counted.getInt("handled"));
        assertEquals(3, counted.getInt("errors"));
        assertTrue(counted.getString("last_error").contains("answered HTTP 500: down for maintenance"),
                counted.getString("last_error"));
    }

    @Test
    void aHangingChannelDoesNotDelayAHealthyOne() throws Exception {
        sink.answerAfter("/slow", Duration.ofSeconds(8));
        channel("{'name': 'slow', 'type': 'webhook', 'settings': {'url': '" + sink.url("/slow") + "', 'timeout_s': 5}, "
                + "'filters': {'metrics': ['disk']}}");
        channel("{'name': 'healthy', 'type': 'webhook', 'settings': {'url': '" + sink.url("/healthy") + "'}, "
                + "'filters': {'metrics': ['disk']}}");
        Api.Agent agent = api.newAgent(admin, "slowpoke");
        post(agent, Breaches.snapshot(Instant.now().getEpochSecond() - 1, 40, Map.of("/", 90.0)));
        long slowArrived = sink.await("/slow", hits -> !hits.isEmpty(), DELIVERY).get(0).receivedNanos();
        // Both were due together; the slow one's answer is 8 s away when the healthy one is served.
        sink.await("/healthy", hits -> !hits.isEmpty(), Duration.ofSeconds(3));
        long gap = Math.abs(sink.at("/healthy").get(0).receivedNanos() - slowArrived) / 1_000_000;
        assertTrue(gap < 1_500, "the healthy channel was served " + gap + " ms from the slow one");
        JsonObject slow = awaitNotification("slow", "pending");
        assertTrue(slow.getInt("attempts") >= 1);
        assertTrue(slow.getString("last_error").contains("no answer within 5 s"), slow.toString());
        assertEquals("WARNING", alerts(sink.at("/healthy").get(0)).get(0).getString("level"));
    }

    /** The channel's newest notification once it has the status, polling. */
    JsonObject awaitNotification(String channel, String status) throws InterruptedException {
        long deadline = System.nanoTime() + DELIVERY.toNanos();
        while (System.nanoTime() < deadline) {
            JsonArray rows = api.get("/api/notifications?channel=" + channel, admin).expect(200).array();
            if (!rows.isEmpty() && rows.getJsonObject(0).getString("status").equals(status)
                    && (!status.equals("pending") || !rows.getJsonObject(0).isNull("last_error"))) {
                return rows.getJsonObject(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No " + status + " notification of " + channel + ": "
                + api.get("/api/notifications?channel=" + channel, admin).body());
    }

    /** The file's lines once it has {@code count} of them, polling. */
    static List<String> awaitLines(Path file, int count) throws Exception {
        long deadline = System.nanoTime() + DELIVERY.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file);
                if (lines.size() >= count) {
                    return lines;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError(file + " did not get " + count + " lines within " + DELIVERY);
    }

    static JsonObject parse(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    Api.Reply testAction(String channel, String token) {
        return api.send("POST", "/api/notification-channels/" + channel + "/test", token, null, null);
    }
}
