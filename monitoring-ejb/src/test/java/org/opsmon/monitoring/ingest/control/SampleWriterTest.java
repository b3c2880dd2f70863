package org.opsmon.monitoring.ingest.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opsmon.monitoring.platform.control.FreshDatabase;

class SampleWriterTest {

    @RegisterExtension
    static final FreshDatabase DATABASE = new FreshDatabase();

    final SampleWriter writer = new SampleWriter();
    final Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(3600);

    int write(List<SampleWriter.Row> rows) throws SQLException {
        try (Connection connection = DATABASE.connect()) {
            return writer.write(connection, rows);
        }
    }

    static List<SampleWriter.Row> rows(long seriesId, Instant from, int count) {
        List<SampleWriter.Row> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rows.add(new SampleWriter.Row(seriesId, from.plusSeconds(i), i * 0.5));
        }
        return rows;
    }

    @Test
    void writesEveryRowAsGiven() throws SQLException {
        assertEquals(2, write(List.of(new SampleWriter.Row(1, t0, 12.5), new SampleWriter.Row(2, t0.plusMillis(250), -3))));
        assertEquals(12.5, DATABASE.value("SELECT val FROM sample WHERE series_id = 1 AND ts = ?", t0));
        assertEquals(-3.0, DATABASE.value("SELECT val FROM sample WHERE series_id = 2 AND ts = ?", t0.plusMillis(250)));
    }

    @Test
    void requestsLargerThanOneStatementAreWrittenWhole() throws SQLException {
        int count = SampleWriter.ROWS_PER_STATEMENT * 2 + 37;
        assertEquals(count, write(rows(10, t0, count)));
        assertEquals(count, DATABASE.number("SELECT COUNT(*) FROM sample WHERE series_id = 10"));
        assertEquals((count - 1) * 0.5, DATABASE.value("SELECT MAX(val) FROM sample WHERE series_id = 10"));
    }

    @Test
    void aSampleAlreadyStoredForTheSameSeriesAndInstantIsSkipped() throws SQLException {
        assertEquals(3, write(rows(20, t0, 3)));
        List<SampleWriter.Row> again = new ArrayList<>(rows(20, t0, 3));
        again.add(new SampleWriter.Row(20, t0.plusSeconds(3), 1.5));
        again.add(new SampleWriter.Row(20, t0.plusSeconds(3), 100));
        assertEquals(1, write(again), "only the new instant counts, once");
        assertEquals(4, DATABASE.number("SELECT COUNT(*) FROM sample WHERE series_id = 20"));
        assertEquals(1.5, DATABASE.value("SELECT val FROM sample WHERE series_id = 20 AND ts = ?", t0.plusSeconds(3)),
                "the first value stays");
    }

    @Test
    void nothingToWrite() throws SQLException {
        assertEquals(0, write(List.of()));
    }
}
