package org.opsmon.monitoring.history.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.opsmon.monitoring.history.entity.CommandEntry;
import org.opsmon.monitoring.history.entity.LatestSnapshot;
import org.opsmon.monitoring.history.entity.ReadBudget;
import org.opsmon.monitoring.history.entity.ReportRow;
import org.opsmon.monitoring.history.entity.SeriesPoints;
import org.opsmon.monitoring.history.entity.TimeRange;
import org.opsmon.monitoring.ingest.entity.SeriesKey;
import org.opsmon.monitoring.platform.entity.RequestProblem;

/**
 * Read side of the sample store: time span, reports, aggregated series, latest snapshot, commands.
 * Every read is bounded by its {@link ReadBudget}.
 */
@ApplicationScoped
public class HistoryQueries {

    @Resource(lookup = "java:app/jdbc/monitoring")
    DataSource dataSource;

    ReadBudget budget = ReadBudget.DEFAULTS;

    /** Creates this bean at deployment, where its resources resolve (see the platform package). */
    void created(@Observes @Initialized(ApplicationScoped.class) Object application) {
        // Observing the event is the point.
    }

    @Inject
    void configure(
            @ConfigProperty(name = "monitoring.report.max.rows", defaultValue = ReadBudget.REPORT_ROWS_DEFAULT) int rows,
            @ConfigProperty(name = "monitoring.report.max.days", defaultValue = ReadBudget.REPORT_DAYS_DEFAULT) int days,
            @ConfigProperty(name = "monitoring.query.max.series", defaultValue = ReadBudget.SERIES_DEFAULT) int series,
            @ConfigProperty(name = "monitoring.query.max.points.per.series",
                    defaultValue = ReadBudget.POINTS_PER_SERIES_DEFAULT) int pointsPerSeries,
            @ConfigProperty(name = "monitoring.query.max.points", defaultValue = ReadBudget.POINTS_DEFAULT) int points) {
        budget = new ReadBudget(rows, days, series, pointsPerSeries, points);
    }

    /** First and last sample time of a client; empty when it has no samples. */
    public Optional<TimeRange> span(long clientId) {
        return query(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT first_sample_at, last_sample_at FROM client WHERE id = ?")) {
                select.setLong(1, clientId);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next() || row.getObject(1) == null) {
                        return Optional.empty();
                    }
                    return Optional.of(new TimeRange(instant(row, 1), instant(row, 2)));
                }
            }
        });
    }

    /**
     * One row per sample time, the columns pivoted in SQL so that the row budget is a LIMIT:
     * an oversized range is refused after loading one row more than the budget, not all of it.
     */
    public List<ReportRow> report(long clientId, TimeRange range) {
        if (range.length().compareTo(Duration.ofDays(budget.reportDays())) > 0) {
            throw RequestProblem.badRequest("range_too_large", "A report covers at most " + budget.reportDays()
                    + " days (MONITORING_REPORT_MAX_DAYS); narrow start/end or use /series with a step");
        }
        List<String> columns = List.copyOf(ReportRow.COLUMNS.keySet());
        String pivot = columns.stream().map(c -> ", MAX(CASE WHEN r.metric = ? THEN s.val END)")
                .collect(Collectors.joining());
        String placeholders = columns.stream().map(c -> "?").collect(Collectors.joining(", "));
        return query(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT s.ts" + pivot + " FROM sample s JOIN series r ON r.id = s.series_id "
                            + "WHERE r.client_id = ? AND r.labels = '{}' AND r.metric IN (" + placeholders + ") "
                            + "AND s.ts >= ? AND s.ts <= ? GROUP BY s.ts ORDER BY s.ts LIMIT ?")) {
                int p = 1;
                for (String column : columns) {
                    select.setString(p++, ReportRow.COLUMNS.get(column).metric());
                }
                select.setLong(p++, clientId);
                for (String column : columns) {
                    select.setString(p++, ReportRow.COLUMNS.get(column).metric());
                }
                select.setObject(p++, utc(range.start()));
                select.setObject(p++, utc(range.end()));
                select.setInt(p, budget.reportRows() + 1);
                List<ReportRow> report = new ArrayList<>();
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        if (report.size() == budget.reportRows()) {
                            throw RequestProblem.badRequest("too_many_rows", "More than " + budget.reportRows()
                                    + " report rows (MONITORING_REPORT_MAX_ROWS); narrow start/end or use /series "
                                    + "with a step");
                        }
                        Map<String, Double> values = new LinkedHashMap<>();
                        for (int i = 0; i < columns.size(); i++) {
                            double value = result.getDouble(i + 2);
                            if (!result.wasNull()) {
                                values.put(columns.get(i), value * ReportRow.COLUMNS.get(columns.get(i)).factor());
                            }
                        }
                        report.add(new ReportRow(instant(result, 1), values));
                    }
                }
                return report;
            }
        });
    }

    /**
     * Every series of the metric whose labels include the given ones, aggregated per step
     * (avg, min, max, count). Buckets start at multiples of the step since the epoch.
     */
    public List<SeriesPoints> series(long clientId, String metric, Map<String, String> labels, TimeRange range,
                                     Duration step) {
        long stepSeconds = Math.max(1, step.toSeconds());
        if (range.length().toSeconds() / stepSeconds > budget.pointsPerSeries()) {
            throw RequestProblem.badRequest("too_many_points", "start/end/step would give more than "
                    + budget.pointsPerSeries() + " points per series (MONITORING_QUERY_MAX_POINTS_PER_SERIES); "
                    + "use a larger step");
        }
        return query(connection -> {
            Map<Long, Map<String, String>> matching = new LinkedHashMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, labels FROM series WHERE client_id = ? AND metric = ? ORDER BY labels")) {
                select.setLong(1, clientId);
                select.setString(2, metric);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        Map<String, String> seriesLabels = SeriesKey.labelsFromJson(rows.getString(2));
                        if (seriesLabels.entrySet().containsAll(labels.entrySet())) {
                            matching.put(rows.getLong(1), seriesLabels);
                        }
                    }
                }
            }
            if (matching.size() > budget.series()) {
                throw RequestProblem.badRequest("too_many_series", "The selection matches " + matching.size()
                        + " series, more than " + budget.series() + " (MONITORING_QUERY_MAX_SERIES); add labels to "
                        + "narrow it");
            }
            Map<Long, List<SeriesPoints.Point>> points = new HashMap<>();
            if (!matching.isEmpty()) {
                String ids = matching.keySet().stream().map(String::valueOf).collect(Collectors.joining(","));
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT series_id, FLOOR(EXTRACT(EPOCH FROM ts) / ?) AS bucket, AVG(val), MIN(val), "
                                + "MAX(val), COUNT(*) FROM sample WHERE series_id IN (" + ids + ") "
                                + "AND ts >= ? AND ts <= ? GROUP BY series_id, bucket ORDER BY series_id, bucket "
                                + "LIMIT ?")) {
                    select.setLong(1, stepSeconds);
                    select.setObject(2, utc(range.start()));
                    select.setObject(3, utc(range.end()));
                    select.setInt(4, budget.points() + 1);
                    int loaded = 0;
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            if (loaded++ == budget.points()) {
                                throw RequestProblem.badRequest("too_many_points", "The " + matching.size()
                                        + " series selected have more than " + budget.points() + " points in all "
                                        + "(MONITORING_QUERY_MAX_POINTS); add labels or use a larger step");
                            }
                            long bucket = rows.getLong(2);
                            points.computeIfAbsent(rows.getLong(1), k -> new ArrayList<>()).add(new SeriesPoints.Point(
                                    Instant.ofEpochSecond(bucket * stepSeconds), rows.getDouble(3), rows.getDouble(4),
                                    rows.getDouble(5), rows.getLong(6)));
                        }
                    }
                }
            }
            List<SeriesPoints> result = new ArrayList<>(matching.size());
            matching.forEach((id, seriesLabels) ->
                    result.add(new SeriesPoints(metric, seriesLabels, points.getOrDefault(id, List.of()))));
            return result;
        });
    }

    /** The metric names a client has, for discovery. */
    public List<String> metrics(long clientId) {
        return query(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT DISTINCT metric FROM series WHERE client_id = ? ORDER BY metric")) {
                select.setLong(1, clientId);
                List<String> metrics = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        metrics.add(rows.getString(1));
                    }
                }
                return metrics;
            }
        });
    }

    public Optional<LatestSnapshot> latest(long clientId) {
        return query(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT latest_snapshot_at, last_seen, latest_snapshot FROM client WHERE id = ?")) {
                select.setLong(1, clientId);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next() || row.getString(3) == null) {
                        return Optional.empty();
                    }
                    return Optional.of(new LatestSnapshot(instant(row, 1), instant(row, 2), row.getString(3)));
                }
            }
        });
    }

    public List<CommandEntry> commands(long clientId, TimeRange range, String user, int limit) {
        return query(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT username, command, started_at, pid, origin FROM command_event WHERE client_id = ? "
                            + "AND started_at >= ? AND started_at <= ?" + (user == null ? "" : " AND username = ?")
                            + " ORDER BY started_at DESC, id DESC LIMIT ?")) {
                int p = 1;
                select.setLong(p++, clientId);
                select.setObject(p++, utc(range.start()));
                select.setObject(p++, utc(range.end()));
                if (user != null) {
                    select.setString(p++, user);
                }
                select.setInt(p, limit);
                List<CommandEntry> entries = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        Long pid = rows.getObject(4) == null ? null : rows.getLong(4);
                        entries.add(new CommandEntry(rows.getString(1), rows.getString(2), instant(rows, 3), pid,
                                rows.getString(5)));
                    }
                }
                return entries;
            }
        });
    }

    private interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    private <T> T query(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.on(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("History query failed: " + e.getMessage(), e);
        }
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
