package org.opsmon.monitoring.notifications.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opsmon.monitoring.alerts.entity.AlertLevel;
import org.opsmon.monitoring.notifications.entity.AlertNote;
import org.opsmon.monitoring.notifications.entity.ChannelFilters;
import org.opsmon.monitoring.notifications.entity.DeliveryStatus;
import org.opsmon.monitoring.notifications.entity.LogSettings;
import org.opsmon.monitoring.notifications.entity.Notes;
import org.opsmon.monitoring.notifications.entity.OutboxRow;
import org.opsmon.monitoring.platform.control.FreshDatabase;
import org.opsmon.monitoring.platform.control.SecretBox;

/** The outbox on PostgreSQL: grouping, claims and leases, retries and retention. */
class OutboxTest {

    @RegisterExtension
    static final FreshDatabase DATABASE = new FreshDatabase();

    static final Duration WINDOW = Duration.ofSeconds(10);

    final Outbox outbox = new Outbox();
    final NotificationConfiguration configuration = NotificationConfiguration.defaults(Path.of("target"));
    final ChannelRoster roster = new ChannelRoster(new SecretBox(new byte[32]), configuration);
    final OutboxFeeder feeder = new OutboxFeeder();
    final Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    long channel;

    @BeforeEach
    void oneChannel() throws SQLException {
        DATABASE.execute("DELETE FROM notification", "DELETE FROM notification_channel");
        channel = Channels.insert(DATABASE, roster, "ops", new LogSettings(), ChannelFilters.ANY, true);
        feeder.outbox = outbox;
        feeder.roster = roster;
        feeder.configuration = configuration;
    }

    long enqueue(AlertNote note, Instant now) throws SQLException {
        try (Connection connection = DATABASE.connect()) {
            return outbox.enqueue(connection, channel, note, now, WINDOW, 100);
        }
    }

    List<OutboxRow> rows() throws SQLException {
        try (Connection connection = DATABASE.connect()) {
            return outbox.list(connection, null, null, 1000);
        }
    }

    Optional<Outbox.Claim> claim(Instant now) throws SQLException {
        try (Connection connection = DATABASE.connect()) {
            return outbox.claimNext(connection, channel, now, Duration.ofMinutes(1));
        }
    }

    @Test
    void twelveChangesInOneWindowBecomeOneNotification() throws SQLException {
        for (int i = 0; i < 12; i++) {
            enqueue(Notes.disk(i, "web-01", "/d" + i, AlertLevel.CRITICAL, t0), t0.plusMillis(100L * i));
        }
        List<OutboxRow> rows = rows();
        assertEquals(1, rows.size());
        assertEquals(12, rows.get(0).alerts().size());
        assertEquals("/d11", rows.get(0).alerts().get(11).labels().get("path"), "in the order they happened");
        assertEquals(t0.plus(WINDOW), rows.get(0).dueAt(), "due when the window that the first change opened closes");
        assertEquals(DeliveryStatus.PENDING, rows.get(0).status());
    }

    @Test
    void aChangeAfterTheWindowOpensTheNextNotification() throws SQLException {
        long first = enqueue(Notes.disk(1, "web-01", "/", AlertLevel.WARNING, t0), t0);
        assertEquals(first, enqueue(Notes.disk(2, "web-01", "/a", AlertLevel.WARNING, t0), t0.plusSeconds(9)));
        long second = enqueue(Notes.disk(3, "web-01", "/b", AlertLevel.WARNING, t0), t0.plusSeconds(10));
        assertNotEquals(first, second);
        assertEquals(2, rows().size());
    }

    @Test
    void aGroupHoldsAtMostTheConfiguredNumberOfChanges() throws SQLException {
        try (Connection connection = DATABASE.connect()) {
            for (int i = 0; i < 5; i++) {
                outbox.enqueue(connection, channel, Notes.disk(i, "web-01", "/" + i, AlertLevel.WARNING, t0), t0, WINDOW, 2);
            }
        }
        assertEquals(List.of(1, 2, 2), rows().stream().map(r -> r.alerts().size()).toList());
    }

    @Test
    void aClaimedNotificationTakesNoMoreChangesAndNothingIsLost() throws SQLException {
        long first = enqueue(Notes.disk(1, "web-01", "/", AlertLevel.WARNING, t0), t0);
        Outbox.Claim claim = claim(t0.plus(WINDOW)).orElseThrow();
        assertEquals(first, claim.id());
        assertEquals(1, claim.attempt());
        // Still inside the window by the clock of a late writer: the change opens a new row instead.
        long second = enqueue(Notes.disk(2, "web-01", "/a", AlertLevel.WARNING, t0), t0.plusSeconds(5));
        assertNotEquals(first, second);
        assertEquals(1, rows().stream().filter(r -> r.id() == first).findFirst().orElseThrow().alerts().size());
    }

    @Test
    void nothingIsClaimedBeforeItIsDueNorTwiceWithinALease() throws SQLException {
        enqueue(Notes.disk(1, "web-01", "/", AlertLevel.WARNING, t0), t0);
        assertTrue(claim(t0.plusSeconds(9)).isEmpty(), "the grouping window is still open");
        assertTrue(claim(t0.plus(WINDOW)).isPresent());
        assertTrue(claim(t0.plus(WINDOW).plusSeconds(30)).isEmpty(), "claimed by a sender that is still within its lease");
        try (Connection connection = DATABASE.connect()) {
            assertEquals(List.of(), outbox.channelsDue(connection, t0.plus(WINDOW).plusSeconds(30)));
            assertEquals(List.of(channel), outbox.channelsDue(connection, t0.plus(WINDOW).plusSeconds(61)));
        }
        Outbox.Claim again = claim(t0.plus(WINDOW).plusSeconds(61)).orElseThrow();
        assertEquals(2, again.attempt(), "a sender that died left its lease to expire; the row is tried again");
    }

    @Test
    void failuresAreRetriedLaterThenGivenUpAndCounted() throws SQLException {
        enqueue(Notes.disk(1, "web-01", "/", AlertLevel.WARNING, t0), t0);
        Instant due = t0.plus(WINDOW);
        try (Connection connection = DATABASE.connect()) {
            Outbox.Claim first = outbox.claimNext(connection, channel, due, Duration.ofMinutes(1)).orElseThrow();
            outbox.attemptFailed(connection, first, "HTTP 500", due, due.plusSeconds(5));
            assertTrue(outbox.claimNext(connection, channel, due.plusSeconds(4), Duration.ofMinutes(1)).isEmpty());
            Outbox.Claim second = outbox.claimNext(connection, channel, due.plusSeconds(5), Duration.ofMinutes(1))
                    .orElseThrow();
            outbox.attemptFailed(connection, second, "HTTP 503", due.plusSeconds(5), null);
        }
        OutboxRow row = rows().get(0);
        assertEquals(DeliveryStatus.FAILED, row.status());
        assertEquals(2, row.attempts());
        assertEquals("HTTP 503", row.lastError());
        assertEquals(2, DATABASE.number("SELECT errors FROM notification_channel WHERE id = ?", channel));
        assertEquals("HTTP 503", DATABASE.value("SELECT last_error FROM notification_channel WHERE id = ?", channel));
        assertTrue(claim(due.plusSeconds(600)).isEmpty(), "a failed row is not tried again");
    }

    @Test
    void aDeliveryIsRecordedAndCounted() throws SQLException {
        enqueue(Notes.disk(1, "web-01", "/", AlertLevel.WARNING, t0), t0);
        try (Connection connection = DATABASE.connect()) {
            Outbox.Claim claim = outbox.claimNext(connection, channel, t0.plus(WINDOW), Duration.ofMinutes(1)).orElseThrow();
            outbox.delivered(connection, claim, t0.plus(WINDOW).plusMillis(20));
            assertEquals(1, outbox.list(connection, DeliveryStatus.SENT, channel, 10).size());
            assertEquals(0, outbox.list(connection, DeliveryStatus.PENDING, null, 10).size());
        }
        assertEquals(t0.plus(WINDOW).plusMillis(20), rows().get(0).sentAt());
        assertEquals(1, DATABASE.number("SELECT handled FROM notification_channel WHERE id = ?", channel));
    }

    @Test
    void retentionDeletesOldSentAndFailedRowsButNeverPendingOnes() throws SQLException {
        Instant old = t0.minus(Duration.ofDays(40));
        enqueue(Notes.disk(1, "web-01", "/", AlertLevel.WARNING, old), old);
        enqueue(Notes.disk(2, "web-01", "/", AlertLevel.WARNING, old), old.plus(WINDOW));
        try (Connection connection = DATABASE.connect()) {
            Outbox.Claim claim = outbox.claimNext(connection, channel, old.plus(WINDOW), Duration.ofMinutes(1)).orElseThrow();
            outbox.delivered(connection, claim, old.plus(WINDOW));
            assertEquals(1, outbox.purge(connection, t0.minus(Duration.ofDays(30))));
        }
        assertEquals(List.of(DeliveryStatus.PENDING), rows().stream().map(OutboxRow::status).toList());
    }

    @Test
    void theFeederQueuesForEnabledChannelsWhoseFiltersAcceptTheChange() throws SQLException {
        long critical = Channels.insert(DATABASE, roster, "critical only", new LogSettings(),
                new ChannelFilters(AlertLevel.CRITICAL, List.of(), null), true);
        long disabled = Channels.insert(DATABASE, roster, "off", new LogSettings(), ChannelFilters.ANY, false);
        try (Connection connection = DATABASE.connect()) {
            assertEquals(1, feeder.feed(connection, Notes.disk(1, "web-01", "/", AlertLevel.WARNING, t0), t0));
            assertEquals(2, feeder.feed(connection, Notes.disk(2, "web-01", "/", AlertLevel.CRITICAL, t0), t0));
        }
        assertEquals(2, DATABASE.number("SELECT alert_count FROM notification WHERE channel_id = ?", channel));
        assertEquals(1, DATABASE.number("SELECT alert_count FROM notification WHERE channel_id = ?", critical));
        assertEquals(0, DATABASE.number("SELECT COUNT(*) FROM notification WHERE channel_id = ?", disabled));
    }

    @Test
    void aChangeRolledBackTakesItsNotificationsWithIt() throws SQLException {
        try (Connection connection = DATABASE.connect()) {
            connection.setAutoCommit(false);
            feeder.feed(connection, Notes.disk(1, "web-01", "/", AlertLevel.WARNING, t0), t0);
            connection.rollback();
        }
        assertEquals(0, rows().size());
    }
}
