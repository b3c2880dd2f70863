package org.opsmon.monitoring.ingest.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opsmon.monitoring.clients.entity.ClientRemoved;
import org.opsmon.monitoring.ingest.entity.CounterReading;
import org.opsmon.monitoring.ingest.entity.CounterWidth;
import org.opsmon.monitoring.platform.control.FreshDatabase;

/** The memory of counters between requests, in this server and (after a restart) in the database. */
class CounterRatesTest {

    @RegisterExtension
    static final FreshDatabase DATABASE = new FreshDatabase();

    static final AtomicLong SERIES = new AtomicLong(1000);
    static final long CLIENT = 7;

    final Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(600);
    final long series = SERIES.incrementAndGet();
    CounterRates rates = new CounterRates();
    Connection connection;

    @BeforeEach
    void connect() throws SQLException {
        connection = DATABASE.connect();
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    CounterReading at(long seconds, double value) {
        return new CounterReading(t0.plusSeconds(seconds), value);
    }

    OptionalDouble next(CounterRates.Batch batch, CounterReading reading) throws SQLException {
        return batch.next(series, reading, false, CounterWidth.BITS_64);
    }

    @Test
    void theFirstReadingGivesNoRateTheNextOneDoes() throws SQLException {
        CounterRates.Batch batch = rates.batch(connection, CLIENT);
        assertEquals(OptionalDouble.empty(), next(batch, at(0, 1000)));
        assertEquals(OptionalDouble.of(500.0), next(batch, at(10, 6000)), "within one request");
        batch.publish();
        assertEquals(OptionalDouble.of(100.0), next(rates.batch(connection, CLIENT), at(20, 7000)), "in the next request");
    }

    @Test
    void readingsOfARequestThatDidNotCommitAreNotRemembered() throws SQLException {
        CounterRates.Batch committed = rates.batch(connection, CLIENT);
        next(committed, at(0, 1000));
        committed.publish();
        next(rates.batch(connection, CLIENT), at(10, 900_000));
        assertEquals(OptionalDouble.of(200.0), next(rates.batch(connection, CLIENT), at(20, 5000)));
    }

    @Test
    void afterARestartThePreviousReadingComesFromTheDatabase() throws SQLException {
        DATABASE.update("INSERT INTO sample (series_id, ts, val) VALUES (?, ?, ?), (?, ?, ?)",
                series, t0, 1000.0, series, t0.plusSeconds(10), 3000.0);
        assertEquals(OptionalDouble.of(300.0), next(rates.batch(connection, CLIENT), at(20, 6000)), "no hole, no spike");
    }

    @Test
    void aReplayedOlderReadingNeitherGivesARateNorMovesTheStateBack() throws SQLException {
        CounterRates.Batch batch = rates.batch(connection, CLIENT);
        next(batch, at(0, 1000));
        next(batch, at(20, 3000));
        assertEquals(OptionalDouble.empty(), next(batch, at(10, 2000)));
        assertEquals(OptionalDouble.of(100.0), next(batch, at(30, 4000)));
    }

    @Test
    void aResetGivesNoRateAndStartsAgain() throws SQLException {
        CounterRates.Batch batch = rates.batch(connection, CLIENT);
        next(batch, at(0, 1_000_000));
        assertEquals(OptionalDouble.empty(), batch.next(series, at(10, 500), true, CounterWidth.BITS_64));
        assertEquals(OptionalDouble.of(50.0), next(batch, at(20, 1000)));
    }

    @Test
    void aThirtyTwoBitCounterWraps() throws SQLException {
        CounterRates.Batch batch = rates.batch(connection, CLIENT);
        batch.next(series, at(0, 4294967000.0), false, CounterWidth.BITS_32);
        assertEquals(OptionalDouble.of(49.6), batch.next(series, at(10, 200), false, CounterWidth.BITS_32));
        assertEquals(OptionalDouble.empty(), batch.next(series, at(20, 100), false, CounterWidth.BITS_32),
                "far from the top a drop is a reset");
    }

    @Test
    void aForgottenSeriesStartsAgainFromTheDatabase() throws SQLException {
        CounterRates.Batch batch = rates.batch(connection, CLIENT);
        next(batch, at(0, 1000));
        batch.publish();
        rates.forget(CLIENT, series);
        assertEquals(OptionalDouble.empty(), next(rates.batch(connection, CLIENT), at(10, 2000)), "nothing stored to compare with");
    }

    @Test
    void aBootTimeThatMovesIsAReboot() throws SQLException {
        long client = DATABASE.client("reboots-" + series);
        CounterRates.Batch batch = rates.batch(connection, client);
        assertFalse(batch.rebooted(null, 1_700_000_000L), "nothing known yet");
        assertFalse(batch.rebooted(null, 1_700_000_000L + CounterRates.BOOT_TIME_TOLERANCE_SECONDS),
                "computed boot times wobble");
        assertTrue(batch.rebooted(null, 1_800_000_000L));
        assertFalse(batch.rebooted(null, null), "a source that sends no boot time never reboots");
        batch.publish();
        assertFalse(rates.batch(connection, client).rebooted(null, 1_800_000_000L));
    }

    @Test
    void afterARestartTheBootTimeComesFromItsSeries() throws SQLException {
        long client = DATABASE.client("boot-series-" + series);
        DATABASE.update("INSERT INTO sample (series_id, ts, val) VALUES (?, ?, ?)", series, t0, 1_700_000_000.0);
        assertTrue(rates.batch(connection, client).rebooted(series, 1_800_000_000L));
        assertFalse(new CounterRates().batch(connection, client).rebooted(series, 1_700_000_000L));
    }

    @Test
    void aRemovedClientLeavesNothingBehind() throws SQLException {
        long client = DATABASE.client("removed-" + series);
        CounterRates.Batch batch = rates.batch(connection, client);
        batch.rebooted(null, 1_700_000_000L);
        batch.next(series, at(0, 1000), false, CounterWidth.BITS_64);
        batch.publish();
        assertEquals(1, rates.remembered(client));

        rates.forget(new ClientRemoved(client, "removed"));
        assertEquals(0, rates.remembered(client));
        assertFalse(rates.batch(connection, client).rebooted(null, 1_800_000_000L), "its boot time is forgotten too");
    }

    @Test
    void clientsKeepTheirReadingsApart() throws SQLException {
        CounterRates.Batch mine = rates.batch(connection, CLIENT);
        next(mine, at(0, 1000));
        mine.publish();
        rates.forget(new ClientRemoved(CLIENT + 1, "other"));
        assertEquals(OptionalDouble.of(100.0), next(rates.batch(connection, CLIENT), at(10, 2000)));
    }
}
