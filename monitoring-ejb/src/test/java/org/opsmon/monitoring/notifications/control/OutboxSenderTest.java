package org.opsmon.monitoring.notifications.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.opsmon.monitoring.alerts.entity.AlertLevel;
import org.opsmon.monitoring.notifications.entity.ChannelFilters;
import org.opsmon.monitoring.notifications.entity.DeliveryStatus;
import org.opsmon.monitoring.notifications.entity.Notes;
import org.opsmon.monitoring.notifications.entity.Notice;
import org.opsmon.monitoring.notifications.entity.OutboxRow;
import org.opsmon.monitoring.notifications.entity.WebhookSettings;
import org.opsmon.monitoring.platform.control.FreshDatabase;
import org.opsmon.monitoring.platform.control.SecretBox;
import org.opsmon.monitoring.platform.entity.Jsons;

/** Delivery end to end below the container: outbox rows on PostgreSQL, a real HTTP receiver. */
class OutboxSenderTest {

    @RegisterExtension
    static final FreshDatabase DATABASE = new FreshDatabase();

    @TempDir
    Path data;

    NotificationConfiguration configuration;
    ChannelRoster roster;
    OutboxSender sender;
    final Outbox outbox = new Outbox();

    @BeforeEach
    void wire() throws SQLException {
        DATABASE.execute("DELETE FROM notification", "DELETE FROM notification_channel");
        configuration = NotificationConfiguration.defaults(data);
        roster = new ChannelRoster(new SecretBox(new byte[32]), configuration);
        HttpPoster poster = new HttpPoster();
        sender = new OutboxSender(DATABASE.dataSource(), outbox, roster, configuration,
                List.of(new WebhookSender(poster), new SlackSender(poster), new LogSender(),
                        new FileSender(configuration), new EmailSender(configuration)));
    }

    long webhook(Receiver receiver, int timeoutSeconds) throws SQLException {
        return Channels.insert(DATABASE, roster, "hook-" + receiver.uri().getPort(),
                new WebhookSettings(receiver.uri(), Map.of("X-Token", "sealed-token-1"), timeoutSeconds),
                ChannelFilters.ANY, true);
    }

    void queue(long channel, int alerts) throws SQLException {
        Instant now = Instant.now();
        try (Connection connection = DATABASE.connect()) {
            for (int i = 0; i < alerts; i++) {
                outbox.enqueue(connection, channel, Notes.disk(i + 1, "web-01", "/d" + i, AlertLevel.CRITICAL, now), now,
                        Duration.ZERO, 100);
            }
        }
    }

    /** Lets the backoff pass without waiting for it: the next attempt becomes due now. */
    void timePasses() throws SQLException {
        DATABASE.execute("UPDATE notification SET due_at = CURRENT_TIMESTAMP - INTERVAL '1 second' WHERE status = 'pending'");
    }

    OutboxRow only(long channel) throws SQLException {
        try (Connection connection = DATABASE.connect()) {
            List<OutboxRow> rows = outbox.list(connection, null, channel, 10);
            assertEquals(1, rows.size());
            return rows.get(0);
        }
    }

    @Test
    void aReceiverThatFailsThreeTimesGetsTheNotificationOnTheFourth() throws Exception {
        try (Receiver receiver = new Receiver(3, 0)) {
            long channel = webhook(receiver, 5);
            queue(channel, 1);
            for (int attempt = 1; attempt <= 3; attempt++) {
                assertEquals(0, sender.drain(channel));
                OutboxRow row = only(channel);
                assertEquals(DeliveryStatus.PENDING, row.status());
                assertEquals(attempt, row.attempts());
                assertTrue(row.lastError().contains("answered HTTP 500: receiver down for maintenance"), row.lastError());
                assertTrue(row.dueAt().isAfter(Instant.now()), "the next attempt waits for the backoff");
                assertEquals(0, sender.drain(channel), "nothing is due before the backoff has passed");
                timePasses();
            }
            assertEquals(1, sender.drain(channel));
            OutboxRow row = only(channel);
            assertEquals(DeliveryStatus.SENT, row.status());
            assertEquals(4, row.attempts());
            assertEquals(4, receiver.requests.size());
            assertEquals(1, DATABASE.number("SELECT handled FROM notification_channel WHERE id = ?", channel));
            assertEquals(3, DATABASE.number("SELECT errors FROM notification_channel WHERE id = ?", channel));
            Receiver.Received last = receiver.requests.get(3);
            assertEquals(List.of("sealed-token-1"), last.headers().get("X-token"), "the sealed header reaches the receiver");
            JsonObject payload = Jsons.reader(new StringReader(last.body())).readObject();
            assertEquals("alerts", payload.getString("type"));
            assertEquals(row.id(), payload.getJsonNumber("notification_id").longValue());
        }
    }

    @Test
    void aGroupGoesOutAsOneRequest() throws Exception {
        try (Receiver receiver = new Receiver(0, 0)) {
            long channel = webhook(receiver, 5);
            Instant now = Instant.now();
            try (Connection connection = DATABASE.connect()) {
                for (int i = 0; i < 12; i++) {
                    outbox.enqueue(connection, channel, Notes.disk(i + 1, "web-01", "/d" + i, AlertLevel.CRITICAL, now),
                            now.minusSeconds(20), Duration.ofSeconds(10), 100);
                }
            }
            assertEquals(1, sender.drain(channel));
            assertEquals(1, receiver.requests.size());
            assertEquals(12, Jsons.reader(new StringReader(receiver.requests.get(0).body())).readObject().getInt("count"));
        }
    }

    @Test
    void afterTheLastAttemptTheNotificationHasFailed() throws Exception {
        configuration = NotificationConfiguration.defaults(data);
        try (Receiver receiver = new Receiver(100, 0)) {
            long channel = webhook(receiver, 5);
            queue(channel, 1);
            for (int attempt = 1; attempt <= 10; attempt++) {
                sender.drain(channel);
                timePasses();
            }
            OutboxRow row = only(channel);
            assertEquals(DeliveryStatus.FAILED, row.status());
            assertEquals(10, row.attempts());
            sender.drain(channel);
            assertEquals(10, receiver.requests.size(), "a failed notification is not tried again");
        }
    }

    @Test
    void aHangingReceiverCostsItsChannelOneTimeoutPerAttempt() throws Exception {
        try (Receiver slow = new Receiver(0, 5_000)) {
            long channel = webhook(slow, 1);
            queue(channel, 1);
            long started = System.nanoTime();
            assertEquals(0, sender.drain(channel));
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(tookMillis < 3_000, "the attempt ended after its timeout, in " + tookMillis + " ms");
            assertTrue(only(channel).lastError().contains("no answer within 1 s"), only(channel).lastError());
        }
    }

    @Test
    void aDisabledChannelSendsNothing() throws Exception {
        try (Receiver receiver = new Receiver(0, 0)) {
            long channel = webhook(receiver, 5);
            queue(channel, 1);
            DATABASE.update("UPDATE notification_channel SET enabled = FALSE WHERE id = ?", channel);
            assertEquals(0, sender.drain(channel));
            assertEquals(0, receiver.requests.size());
        }
    }

    @Test
    void aTestIsSentNowAndAFailureSaysWhy() throws Exception {
        try (Receiver receiver = new Receiver(1, 0)) {
            WebhookSettings settings = new WebhookSettings(receiver.uri(), Map.of(), 5);
            Optional<String> failed = sender.sendNow(settings, Notice.test("ops", Instant.now()));
            assertTrue(failed.orElseThrow().startsWith("Webhook 127.0.0.1:" + receiver.uri().getPort()
                    + " answered HTTP 500"), failed.orElseThrow());
            assertEquals(Optional.empty(), sender.sendNow(settings, Notice.test("ops", Instant.now())));
            assertEquals("test", Jsons.reader(new StringReader(receiver.requests.get(1).body())).readObject()
                    .getString("type"));
        }
        WebhookSettings nobody = new WebhookSettings(java.net.URI.create("http://127.0.0.1:1/hook"), Map.of(), 2);
        String refused = sender.sendNow(nobody, Notice.test("ops", Instant.now())).orElseThrow();
        assertTrue(refused.startsWith("Webhook 127.0.0.1:1: "), refused);
    }
}
