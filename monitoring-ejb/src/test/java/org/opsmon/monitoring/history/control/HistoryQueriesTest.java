package org.opsmon.monitoring.history.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opsmon.monitoring.platform.control.FreshDatabase;
import org.opsmon.monitoring.history.entity.CommandEntry;
import org.opsmon.monitoring.history.entity.ReadBudget;
import org.opsmon.monitoring.history.entity.ReportRow;
import org.opsmon.monitoring.history.entity.SeriesPoints;
import org.opsmon.monitoring.history.entity.TimeRange;
import org.opsmon.monitoring.platform.entity.RequestProblem;

/** The read side against a real PostgreSQL with the server's schema, filled as ingest fills it. */
class HistoryQueriesTest {

    static final Instant T0 = Instant.parse("2026-01-31T12:00:00Z");
    static final long MIB = 1024 * 1024;
    static final long WEB = 1;
    static final long QUIET = 2;
    static final long MANY_SERIES = 3;
    static final long MANY_ROWS = 4;

    @RegisterExtension
    static final FreshDatabase DATABASE = new FreshDatabase();
    static HistoryQueries queries;

    @BeforeAll
    static void fill() throws Exception {
        queries = new HistoryQueries();
        queries.dataSource = DATABASE.dataSource();
        DATABASE.execute(
                "INSERT INTO client (id, name, kind, registered_at, first_sample_at, last_sample_at, latest_snapshot, "
                        + "latest_snapshot_at, last_seen) VALUES (1, 'web-01', 'agent', " + at(-86_400) + ", " + at(0)
                        + ", " + at(30) + ", '{\"seq\":4}', " + at(30) + ", " + at(31) + ")",
                "INSERT INTO client (id, name, kind, registered_at) VALUES (2, 'quiet', 'agent', " + at(0) + "), "
                        + "(3, 'switches', 'agent', " + at(0) + "), (4, 'busy', 'agent', " + at(0) + ")",
                "INSERT INTO series (id, client_id, metric, labels) VALUES "
                        + "(10, 1, 'processor.usage_percent', '{}'), (11, 1, 'memory.used', '{}'), "
                        + "(12, 1, 'processor.per_core_usage', '{\"core\":\"0\"}'), "
                        + "(13, 1, 'processor.per_core_usage', '{\"core\":\"1\"}'), "
                        + "(14, 1, 'storage.percentage', '{\"path\":\"/\"}'), "
                        + "(15, 4, 'processor.usage_percent', '{}')",
                "INSERT INTO sample (series_id, ts, val) VALUES "
                        + "(10, " + at(0) + ", 10), (10, " + at(10) + ", 20), (10, " + at(20) + ", 30), (10, " + at(30) + ", 40), "
                        + "(11, " + at(0) + ", " + 6172 * MIB + "), (11, " + at(20) + ", " + 3000 * MIB + "), "
                        + "(12, " + at(0) + ", 5), (13, " + at(0) + ", 7), (13, " + at(10) + ", 9), "
                        + "(14, " + at(0) + ", 50)",
                // More series of one metric, and more report rows, than one answer may carry.
                "INSERT INTO series (id, client_id, metric, labels) SELECT 1000 + n, 3, 'if.in_bps', "
                        + "'{\"if_name\":\"ge-' || n || '\"}' FROM generate_series(1, " + (ReadBudget.DEFAULTS.series() + 1) + ") n",
                "INSERT INTO sample (series_id, ts, val) SELECT 15, " + at(0) + " + n * interval '1 second', n "
                        + "FROM generate_series(1, " + (ReadBudget.DEFAULTS.reportRows() + 1) + ") n",
                "INSERT INTO command_event (id, client_id, username, command, started_at, pid, origin) VALUES "
                        + "(nextval('command_event_seq'), 1, 'alice', 'uptime', " + at(1) + ", 42, 'process'), "
                        + "(nextval('command_event_seq'), 1, 'bob', 'top', " + at(2) + ", NULL, 'history'), "
                        + "(nextval('command_event_seq'), 1, 'alice', 'systemctl restart nginx', " + at(3) + ", 43, 'process')");
    }

    static String at(long secondsAfterT0) {
        return "TIMESTAMPTZ '" + T0.plusSeconds(secondsAfterT0) + "'";
    }

    static TimeRange window(long fromSeconds, long toSeconds) {
        return new TimeRange(T0.plusSeconds(fromSeconds), T0.plusSeconds(toSeconds));
    }

    @Test
    void seriesAreAggregatedPerStepFromEpochMultiples() {
        List<SeriesPoints> series = queries.series(WEB, "processor.usage_percent", Map.of(), window(0, 30),
                Duration.ofSeconds(20));
        assertEquals(1, series.size());
        List<SeriesPoints.Point> points = series.get(0).points();
        assertEquals(List.of(new SeriesPoints.Point(T0, 15, 10, 20, 2), new SeriesPoints.Point(T0.plusSeconds(20), 35, 30, 40, 2)),
                points);
    }

    @Test
    void bothEndsOfTheWindowCount() {
        SeriesPoints.Point point = queries.series(WEB, "processor.usage_percent", Map.of(), window(10, 20),
                Duration.ofMinutes(1)).get(0).points().get(0);
        assertEquals(T0, point.time(), "a minute bucket starts on the minute");
        assertEquals(2, point.count());
        assertEquals(25, point.avg(), 1e-9);
    }

    @Test
    void labelsNarrowTheSeries() {
        List<SeriesPoints> all = queries.series(WEB, "processor.per_core_usage", Map.of(), window(0, 30),
                Duration.ofSeconds(60));
        assertEquals(List.of(Map.of("core", "0"), Map.of("core", "1")), all.stream().map(SeriesPoints::labels).toList());

        List<SeriesPoints> one = queries.series(WEB, "processor.per_core_usage", Map.of("core", "1"), window(0, 30),
                Duration.ofSeconds(60));
        assertEquals(1, one.size());
        assertEquals(Map.of("core", "1"), one.get(0).labels());
        assertEquals(new SeriesPoints.Point(T0, 8, 7, 9, 2), one.get(0).points().get(0));

        assertTrue(queries.series(WEB, "processor.per_core_usage", Map.of("core", "9"), window(0, 30),
                Duration.ofSeconds(60)).isEmpty());
        assertTrue(queries.series(WEB, "no.such.metric", Map.of(), window(0, 30), Duration.ofSeconds(60)).isEmpty());
    }

    @Test
    void aSeriesWithoutSamplesInTheWindowHasNoPoints() {
        List<SeriesPoints> series = queries.series(WEB, "processor.usage_percent", Map.of(), window(100, 200),
                Duration.ofSeconds(10));
        assertEquals(1, series.size());
        assertTrue(series.get(0).points().isEmpty());
    }

    @Test
    void reportHasOneRowPerSampleTimeWithMissingValuesLeftOut() {
        List<ReportRow> rows = queries.report(WEB, window(0, 30));
        assertEquals(List.of(T0, T0.plusSeconds(10), T0.plusSeconds(20), T0.plusSeconds(30)),
                rows.stream().map(ReportRow::time).toList());
        assertEquals(10.0, rows.get(0).values().get("cpu"));
        assertEquals(6172.0, rows.get(0).values().get("mem"), 1e-9, "memory.used in MiB");
        assertNull(rows.get(1).values().get("mem"));
        assertEquals(3000.0, rows.get(2).values().get("mem"), 1e-9);
        assertNull(rows.get(0).values().get("storage_percent"), "a labelled series is no report column");
        assertEquals(2, queries.report(WEB, window(10, 20)).size());
    }

    @Test
    void answersAreBounded() {
        assertEquals("too_many_points", assertThrows(RequestProblem.class, () -> queries.series(WEB,
                "processor.usage_percent", Map.of(), window(0, 86_400), Duration.ofSeconds(1))).code());
        assertEquals("too_many_series", assertThrows(RequestProblem.class, () -> queries.series(MANY_SERIES,
                "if.in_bps", Map.of(), window(0, 30), Duration.ofSeconds(10))).code());
        assertEquals(1, queries.series(MANY_SERIES, "if.in_bps", Map.of("if_name", "ge-7"), window(0, 30),
                Duration.ofSeconds(10)).size(), "labels bring the selection under the limit");
        RequestProblem tooManyRows = assertThrows(RequestProblem.class, () -> queries.report(MANY_ROWS, window(0, 200_000)));
        assertEquals("too_many_rows", tooManyRows.code());
        assertTrue(tooManyRows.getMessage().contains("100000"), tooManyRows.getMessage());
        assertEquals(ReadBudget.DEFAULTS.reportRows(), queries.report(MANY_ROWS, window(1, ReadBudget.DEFAULTS.reportRows()))
                .size());
    }

    @Test
    void budgetsAreConfigurableAndEnforcedBeforeLoading() {
        HistoryQueries tight = new HistoryQueries();
        tight.dataSource = queries.dataSource;
        tight.configure(3, 2, 1, 100, 5);
        assertEquals(3, tight.report(WEB, window(0, 20)).size());
        assertEquals("too_many_rows", assertThrows(RequestProblem.class, () -> tight.report(WEB, window(0, 30))).code());
        RequestProblem tooLong = assertThrows(RequestProblem.class,
                () -> tight.report(WEB, new TimeRange(T0, T0.plus(Duration.ofDays(2).plusSeconds(1)))));
        assertEquals("range_too_large", tooLong.code());
        assertTrue(tooLong.getMessage().contains("2 days"), tooLong.getMessage());

        assertEquals(4, tight.series(WEB, "processor.usage_percent", Map.of(), window(0, 30), Duration.ofSeconds(10))
                .get(0).points().size());
        assertEquals("too_many_series", assertThrows(RequestProblem.class, () -> tight.series(WEB,
                "processor.per_core_usage", Map.of(), window(0, 30), Duration.ofSeconds(10))).code());
        RequestProblem tooManyPoints = assertThrows(RequestProblem.class, () -> tight.series(MANY_ROWS,
                "processor.usage_percent", Map.of(), window(0, 60), Duration.ofSeconds(1)));
        assertEquals("too_many_points", tooManyPoints.code());
        assertTrue(tooManyPoints.getMessage().contains("more than 5 points in all"), tooManyPoints.getMessage());
    }

    @Test
    void commandsComeNewestFirstFilteredAndLimited() {
        List<CommandEntry> all = queries.commands(WEB, window(0, 30), null, 10);
        assertEquals(List.of("systemctl restart nginx", "top", "uptime"), all.stream().map(CommandEntry::command).toList());
        assertNull(all.get(1).pid());
        assertEquals(T0.plusSeconds(3), all.get(0).startedAt());
        assertEquals(List.of(43L, 42L), queries.commands(WEB, window(0, 30), "alice", 10).stream()
                .map(CommandEntry::pid).toList());
        assertEquals(List.of("systemctl restart nginx"), queries.commands(WEB, window(0, 30), null, 1).stream()
                .map(CommandEntry::command).toList());
        assertTrue(queries.commands(WEB, window(10, 30), null, 10).isEmpty());
    }

    @Test
    void spanLatestAndMetricNames() {
        assertEquals(new TimeRange(T0, T0.plusSeconds(30)), queries.span(WEB).orElseThrow());
        assertTrue(queries.span(QUIET).isEmpty());
        assertEquals("{\"seq\":4}", queries.latest(WEB).orElseThrow().json());
        assertEquals(T0.plusSeconds(31), queries.latest(WEB).orElseThrow().lastSeen());
        assertTrue(queries.latest(QUIET).isEmpty());
        assertEquals(List.of("memory.used", "processor.per_core_usage", "processor.usage_percent", "storage.percentage"),
                queries.metrics(WEB));
    }
}
