package org.opsmon.monitoring.notifications.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.opsmon.monitoring.notifications.entity.AlertNote;
import org.opsmon.monitoring.notifications.entity.DeliveryStatus;
import org.opsmon.monitoring.notifications.entity.OutboxRow;
import org.opsmon.monitoring.platform.entity.ColumnSizes;

/**
 * The outbox table, in plain SQL on the caller's connection: rows are written inside the alert
 * evaluator's transaction and claimed, one statement at a time, by senders outside any.
 *
 * <p>Grouping: a change joins the newest row of its channel that is pending, never tried, not
 * claimed and still inside its grouping window; otherwise it opens a row whose window starts
 * now. The row is locked while it grows, and a sender's claim sets {@code claimed_until} and
 * counts the attempt, which the joining query excludes: a change either joins a row before its
 * sender reads it, or opens the next one. Nothing is lost between the two.
 *
 * <p>Claims are leases: a sender that dies mid-send leaves {@code claimed_until} to expire, and
 * the row is tried again (at-least-once delivery).
 */
@ApplicationScoped
public class Outbox {

    @Resource(lookup = "java:app/jdbc/monitoring")
    DataSource dataSource;

    static final int MAX_ERROR = ColumnSizes.NOTIFICATION_ERROR;
    private static final String COLUMNS = "n.id, n.channel_id, c.name, n.status, n.alerts, n.created_at, n.due_at, "
            + "n.attempts, n.last_attempt_at, n.last_error, n.sent_at";

    /** Creates this bean at deployment, where its resources resolve (see the platform package). */
    void created(@Observes @Initialized(ApplicationScoped.class) Object application) {
        // Observing the event is the point.
    }

    /** A claimed row: the sender now holds it until it records the outcome or its lease ends. */
    public record Claim(long id, long channelId, int attempt, List<AlertNote> alerts) {
    }

    /** Adds a change for a channel, to its open group or a new row; returns the row's id. */
    public long enqueue(Connection connection, long channelId, AlertNote note, Instant now, Duration window, int groupMax)
            throws SQLException {
        try (PreparedStatement open = connection.prepareStatement(
                "SELECT id, alerts, alert_count FROM notification WHERE channel_id = ? AND status = 'pending' "
                        + "AND attempts = 0 AND claimed_until IS NULL AND group_until > ? AND alert_count < ? "
                        + "ORDER BY id DESC LIMIT 1 FOR UPDATE")) {
            open.setLong(1, channelId);
            open.setObject(2, time(now));
            open.setInt(3, groupMax);
            try (ResultSet row = open.executeQuery()) {
                if (row.next()) {
                    long id = row.getLong(1);
                    List<AlertNote> notes = new ArrayList<>(AlertNote.fromJsonArray(row.getString(2)));
                    notes.add(note);
                    try (PreparedStatement grow = connection.prepareStatement(
                            "UPDATE notification SET alerts = ?, alert_count = ? WHERE id = ?")) {
                        grow.setString(1, AlertNote.toJsonArray(notes));
                        grow.setInt(2, notes.size());
                        grow.setLong(3, id);
                        grow.executeUpdate();
                    }
                    return id;
                }
            }
        }
        long id;
        try (PreparedStatement next = connection.prepareStatement("SELECT nextval('notification_seq')");
             ResultSet row = next.executeQuery()) {
            row.next();
            id = row.getLong(1);
        }
        Instant closes = now.plus(window);
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO notification (id, channel_id, status, alerts, alert_count, created_at, group_until, due_at, "
                        + "attempts) VALUES (?, ?, 'pending', ?, 1, ?, ?, ?, 0)")) {
            insert.setLong(1, id);
            insert.setLong(2, channelId);
            insert.setString(3, AlertNote.toJsonArray(List.of(note)));
            insert.setObject(4, time(now));
            insert.setObject(5, time(closes));
            insert.setObject(6, time(closes));
            insert.executeUpdate();
        }
        return id;
    }

    /** Channels with a row to send now. */
    public List<Long> channelsDue(Connection connection, Instant now) throws SQLException {
        try (PreparedStatement due = connection.prepareStatement(
                "SELECT DISTINCT channel_id FROM notification WHERE status = 'pending' AND due_at <= ? "
                        + "AND (claimed_until IS NULL OR claimed_until < ?)")) {
            due.setObject(1, time(now));
            due.setObject(2, time(now));
            List<Long> channels = new ArrayList<>();
            try (ResultSet rows = due.executeQuery()) {
                while (rows.next()) {
                    channels.add(rows.getLong(1));
                }
            }
            return channels;
        }
    }

    /** Claims the channel's oldest due row for {@code lease}; empty when none is due or another sender won it. */
    public Optional<Claim> claimNext(Connection connection, long channelId, Instant now, Duration lease)
            throws SQLException {
        long id;
        try (PreparedStatement next = connection.prepareStatement(
                "SELECT id FROM notification WHERE channel_id = ? AND status = 'pending' AND due_at <= ? "
                        + "AND (claimed_until IS NULL OR claimed_until < ?) ORDER BY due_at, id LIMIT 1")) {
            next.setLong(1, channelId);
            next.setObject(2, time(now));
            next.setObject(3, time(now));
            try (ResultSet row = next.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                id = row.getLong(1);
            }
        }
        try (PreparedStatement claim = connection.prepareStatement(
                "UPDATE notification SET claimed_until = ?, attempts = attempts + 1, last_attempt_at = ? "
                        + "WHERE id = ? AND status = 'pending' AND (claimed_until IS NULL OR claimed_until < ?)")) {
            claim.setObject(1, time(now.plus(lease)));
            claim.setObject(2, time(now));
            claim.setLong(3, id);
            claim.setObject(4, time(now));
            if (claim.executeUpdate() != 1) {
                return Optional.empty();
            }
        }
        try (PreparedStatement read = connection.prepareStatement(
                "SELECT attempts, alerts FROM notification WHERE id = ?")) {
            read.setLong(1, id);
            try (ResultSet row = read.executeQuery()) {
                row.next();
                return Optional.of(new Claim(id, channelId, row.getInt(1), AlertNote.fromJsonArray(row.getString(2))));
            }
        }
    }

    /** The claimed row was delivered: it is sent and the channel counts one more handled notification. */
    public void delivered(Connection connection, Claim claim, Instant now) throws SQLException {
        try (PreparedStatement sent = connection.prepareStatement(
                "UPDATE notification SET status = 'sent', sent_at = ?, claimed_until = NULL, last_error = NULL "
                        + "WHERE id = ?")) {
            sent.setObject(1, time(now));
            sent.setLong(2, claim.id());
            sent.executeUpdate();
        }
        try (PreparedStatement count = connection.prepareStatement(
                "UPDATE notification_channel SET handled = handled + 1 WHERE id = ?")) {
            count.setLong(1, claim.channelId());
            count.executeUpdate();
        }
    }

    /**
     * The claimed row's attempt failed: it is tried again at {@code retryAt}, or, with none, has
     * failed for good. The channel counts the error and remembers it.
     */
    public void attemptFailed(Connection connection, Claim claim, String error, Instant now, Instant retryAt)
            throws SQLException {
        String shown = error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR - 1) + "…" : error;
        try (PreparedStatement failed = connection.prepareStatement(
                "UPDATE notification SET status = ?, due_at = ?, claimed_until = NULL, last_error = ? "
                        + "WHERE id = ? AND status = 'pending'")) {
            failed.setString(1, retryAt == null ? DeliveryStatus.FAILED.wireName() : DeliveryStatus.PENDING.wireName());
            failed.setObject(2, time(retryAt == null ? now : retryAt));
            failed.setString(3, shown);
            failed.setLong(4, claim.id());
            failed.executeUpdate();
        }
        try (PreparedStatement count = connection.prepareStatement(
                "UPDATE notification_channel SET errors = errors + 1, last_error = ?, last_error_at = ? WHERE id = ?")) {
            count.setString(1, shown);
            count.setObject(2, time(now));
            count.setLong(3, claim.channelId());
            count.executeUpdate();
        }
    }

    /** A channel that was disabled sends nothing more: what it still had pending has failed. */
    public int abandon(Connection connection, long channelId, String reason, Instant now) throws SQLException {
        try (PreparedStatement abandon = connection.prepareStatement(
                "UPDATE notification SET status = 'failed', claimed_until = NULL, last_error = ?, due_at = ? "
                        + "WHERE channel_id = ? AND status = 'pending'")) {
            abandon.setString(1, reason);
            abandon.setObject(2, time(now));
            abandon.setLong(3, channelId);
            return abandon.executeUpdate();
        }
    }

    /** Deletes sent and failed rows created before {@code before}; pending rows are always kept. */
    public int purge(Connection connection, Instant before) throws SQLException {
        try (PreparedStatement purge = connection.prepareStatement(
                "DELETE FROM notification WHERE status IN ('sent', 'failed') AND created_at < ?")) {
            purge.setObject(1, time(before));
            return purge.executeUpdate();
        }
    }

    /** The newest rows first, on a connection of its own: what the API shows. */
    public List<OutboxRow> recent(DeliveryStatus status, Long channelId, int limit) {
        try (Connection connection = dataSource.getConnection()) {
            return list(connection, status, channelId, limit);
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the notification outbox failed: " + e.getMessage(), e);
        }
    }

    /** The newest rows first, narrowed by status and channel (id) when given. */
    public List<OutboxRow> list(Connection connection, DeliveryStatus status, Long channelId, int limit)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS)
                .append(" FROM notification n JOIN notification_channel c ON c.id = n.channel_id WHERE 1 = 1");
        if (status != null) {
            sql.append(" AND n.status = ?");
        }
        if (channelId != null) {
            sql.append(" AND n.channel_id = ?");
        }
        sql.append(" ORDER BY n.id DESC LIMIT ?");
        try (PreparedStatement query = connection.prepareStatement(sql.toString())) {
            int i = 1;
            if (status != null) {
                query.setString(i++, status.wireName());
            }
            if (channelId != null) {
                query.setLong(i++, channelId);
            }
            query.setInt(i, limit);
            List<OutboxRow> rows = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    rows.add(new OutboxRow(row.getLong(1), row.getLong(2), row.getString(3),
                            DeliveryStatus.of(row.getString(4)), AlertNote.fromJsonArray(row.getString(5)),
                            instant(row, 6), instant(row, 7), row.getInt(8), instant(row, 9), row.getString(10),
                            instant(row, 11)));
                }
            }
            return rows;
        }
    }

    static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
