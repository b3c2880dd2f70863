package org.opsmon.monitoring.alerts.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.opsmon.monitoring.alerts.entity.AlertLevel;
import org.opsmon.monitoring.alerts.entity.AlertState;
import org.opsmon.monitoring.alerts.entity.SeriesState;
import org.opsmon.monitoring.alerts.entity.SeriesState.Phase;
import org.opsmon.monitoring.clients.entity.ClientKind;
import org.opsmon.monitoring.ingest.entity.SeriesKey;
import org.opsmon.monitoring.platform.entity.ColumnSizes;

/**
 * The alert rows as the evaluator writes and reloads them, in plain SQL on the caller's
 * connection: it runs on the evaluation path, touches a row only on a transition, and works the
 * same in the container and in tests against a bare database. The API reads the same rows
 * through JPA ({@code Alert}).
 */
@ApplicationScoped
public class AlertStore {

    /** What the evaluator needs to know of a client when it first meets it. */
    public record ClientFacts(long id, String name, ClientKind kind, Instant lastSampleAt, Instant lastSeen) {
    }

    /** An open alert row: the persisted state of one series under one rule. */
    public record OpenAlert(Long ruleId, String ruleName, long clientId, SeriesKey series, SeriesState state) {
    }

    /** The columns of one row to write. */
    public record Row(Long ruleId, String ruleName, long clientId, SeriesKey series, AlertState state, String message,
                      SeriesState from) {
    }

    public ClientFacts client(Connection connection, long clientId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT name, kind, last_sample_at, last_seen FROM client WHERE id = ?")) {
            query.setLong(1, clientId);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                return new ClientFacts(clientId, row.getString(1), kind(row.getString(2)), instant(row, 3),
                        instant(row, 4));
            }
        }
    }

    public List<Long> agentClients(Connection connection) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT id FROM client WHERE kind = 'agent'");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        return ids;
    }

    /**
     * The newest snapshot times of a client, newest first, read from one series that every
     * snapshot carries (CPU usage where the client has it): an indexed read of a few rows.
     */
    public List<Instant> recentSnapshotTimes(Connection connection, long clientId, int count) throws SQLException {
        List<Instant> times = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT ts FROM sample WHERE series_id = (SELECT id FROM series WHERE client_id = ? "
                        + "ORDER BY CASE WHEN metric = 'processor.usage_percent' THEN 0 ELSE 1 END, id LIMIT 1) "
                        + "ORDER BY ts DESC LIMIT ?")) {
            query.setLong(1, clientId);
            query.setInt(2, count);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    times.add(instant(rows, 1));
                }
            }
        }
        return times;
    }

    /** Every pending or firing alert: the series states a restarted server resumes. */
    public List<OpenAlert> open(Connection connection) throws SQLException {
        List<OpenAlert> open = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT id, rule_id, rule_name, client_id, metric, labels, state, level, val, threshold, pending_since, "
                        + "started_at, last_sample_at, last_notified_at, announced, acknowledged_by, acknowledged_at "
                        + "FROM alert WHERE state IN ('PENDING', 'FIRING') ORDER BY id");
             ResultSet row = query.executeQuery()) {
            while (row.next()) {
                long ruleId = row.getLong(2);
                Long rule = row.wasNull() ? null : ruleId;
                boolean firing = AlertState.valueOf(row.getString(7)) == AlertState.FIRING;
                SeriesState state = new SeriesState(firing ? Phase.FIRING : Phase.PENDING,
                        AlertLevel.valueOf(row.getString(8)), row.getLong(1), instant(row, 11), instant(row, 12),
                        instant(row, 13), row.getDouble(9), row.getDouble(10), instant(row, 14), row.getBoolean(15),
                        row.getString(16), instant(row, 17), null);
                open.add(new OpenAlert(rule, row.getString(3), row.getLong(4),
                        new SeriesKey(row.getString(5), SeriesKey.labelsFromJson(row.getString(6))), state));
            }
        }
        return open;
    }

    /** Inserts an open row and answers its id. */
    public long insert(Connection connection, Row row, Instant now) throws SQLException {
        long id;
        try (PreparedStatement next = connection.prepareStatement("SELECT nextval('alert_seq')");
             ResultSet result = next.executeQuery()) {
            result.next();
            id = result.getLong(1);
        }
        SeriesState s = row.from();
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO alert (id, rule_id, rule_name, client_id, metric, labels, state, level, val, threshold, "
                        + "message, pending_since, started_at, resolved_at, last_sample_at, last_notified_at, announced, "
                        + "acknowledged_by, acknowledged_at, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, id);
            if (row.ruleId() == null) {
                insert.setNull(2, Types.BIGINT);
            } else {
                insert.setLong(2, row.ruleId());
            }
            insert.setString(3, row.ruleName());
            insert.setLong(4, row.clientId());
            insert.setString(5, row.series().metric());
            insert.setString(6, row.series().labelsJson());
            insert.setString(7, row.state().name());
            insert.setString(8, s.level().name());
            insert.setDouble(9, s.value());
            insert.setDouble(10, s.threshold());
            insert.setString(11, message(row.message()));
            insert.setObject(12, time(s.pendingSince()));
            insert.setObject(13, time(row.state() == AlertState.FIRING ? s.startedAt() : null));
            insert.setObject(14, time(s.lastSampleAt()));
            insert.setObject(15, time(s.lastNotifiedAt()));
            insert.setBoolean(16, s.announced());
            insert.setString(17, s.acknowledgedBy());
            insert.setObject(18, time(s.acknowledgedAt()));
            insert.setObject(19, time(now));
            insert.executeUpdate();
        }
        return id;
    }

    /** Rewrites an open row (pending or firing) from its state; a reopened alert loses its resolution. */
    public void update(Connection connection, long id, Row row, Instant now) throws SQLException {
        SeriesState s = row.from();
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE alert SET state = ?, level = ?, val = ?, threshold = ?, message = ?, pending_since = ?, "
                        + "started_at = ?, resolved_at = NULL, last_sample_at = ?, last_notified_at = ?, announced = ?, "
                        + "acknowledged_by = ?, acknowledged_at = ?, updated_at = ?, rule_name = ? WHERE id = ?")) {
            update.setString(1, row.state().name());
            update.setString(2, s.level().name());
            update.setDouble(3, s.value());
            update.setDouble(4, s.threshold());
            update.setString(5, message(row.message()));
            update.setObject(6, time(s.pendingSince()));
            update.setObject(7, time(row.state() == AlertState.FIRING ? s.startedAt() : null));
            update.setObject(8, time(s.lastSampleAt()));
            update.setObject(9, time(s.lastNotifiedAt()));
            update.setBoolean(10, s.announced());
            update.setString(11, s.acknowledgedBy());
            update.setObject(12, time(s.acknowledgedAt()));
            update.setObject(13, time(now));
            // A renamed rule's open alerts take the new name with their next change.
            update.setString(14, row.ruleName());
            update.setLong(15, id);
            update.executeUpdate();
        }
    }

    /** Marks an alert resolved with the value and clear threshold that resolved it. */
    public void resolve(Connection connection, long id, SeriesState state, Instant resolvedAt, String message,
                        Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE alert SET state = 'RESOLVED', val = ?, threshold = ?, message = ?, resolved_at = ?, "
                        + "last_sample_at = ?, last_notified_at = ?, announced = ?, updated_at = ? WHERE id = ?")) {
            update.setDouble(1, Double.isNaN(state.value()) ? 0 : state.value());
            update.setDouble(2, state.threshold());
            update.setString(3, message(message));
            update.setObject(4, time(resolvedAt));
            update.setObject(5, time(state.lastSampleAt() == null ? resolvedAt : state.lastSampleAt()));
            update.setObject(6, time(state.lastNotifiedAt()));
            update.setBoolean(7, false);
            update.setObject(8, time(now));
            update.setLong(9, id);
            update.executeUpdate();
        }
    }

    /** Removes a pending row whose breach ended before it fired: it was never an alert. */
    public void delete(Connection connection, long id) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM alert WHERE id = ? AND state = 'PENDING'")) {
            delete.setLong(1, id);
            delete.executeUpdate();
        }
    }

    private static String message(String message) {
        return message.length() <= ColumnSizes.ALERT_MESSAGE ? message : message.substring(0, ColumnSizes.ALERT_MESSAGE);
    }

    private static ClientKind kind(String code) {
        for (ClientKind kind : ClientKind.values()) {
            if (kind.code().equals(code)) {
                return kind;
            }
        }
        return ClientKind.AGENT;
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }
}
