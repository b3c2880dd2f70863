package org.opsmon.monitoring.ingest.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import org.opsmon.monitoring.clients.entity.ClientRemoved;
import org.opsmon.monitoring.ingest.entity.CounterReading;
import org.opsmon.monitoring.ingest.entity.CounterWidth;

/**
 * Remembers the last reading of every counter series so that each new reading yields a rate.
 * After a server restart the previous reading comes from the database, so an outage of the
 * server leaves no hole and no spike. Work of one request is staged and only published after
 * commit (see {@link Batch}). Readings are kept per client, only for series the
 * {@link SeriesRegistry} admitted, and dropped with their client.
 */
@ApplicationScoped
public class CounterRates {

    /** A host's boot time may be computed a second apart between readings. */
    static final long BOOT_TIME_TOLERANCE_SECONDS = 60;

    private final Map<Long, Map<Long, CounterReading>> lastReading = new ConcurrentHashMap<>();
    private final Map<Long, Long> lastBootTime = new ConcurrentHashMap<>();

    /** The rate state of one request of one client. */
    public Batch batch(Connection connection, long clientId) {
        return new Batch(connection, clientId);
    }

    /** Forgets everything known of a series, e.g. after SNMP re-indexed an interface. */
    public void forget(long clientId, long seriesId) {
        Map<Long, CounterReading> readings = lastReading.get(clientId);
        if (readings != null) {
            readings.remove(seriesId);
        }
    }

    /** A removed client's counters are gone; nothing of it stays in memory. */
    void forget(@Observes(during = TransactionPhase.AFTER_SUCCESS) ClientRemoved removed) {
        lastReading.remove(removed.clientId());
        lastBootTime.remove(removed.clientId());
    }

    /** How many series of the client have a remembered reading. */
    int remembered(long clientId) {
        Map<Long, CounterReading> readings = lastReading.get(clientId);
        return readings == null ? 0 : readings.size();
    }

    /** Rate state of one request: sees its own earlier readings, publishes them on commit. */
    public final class Batch {
        private final Connection connection;
        private final long clientId;
        private final Map<Long, CounterReading> readings = new HashMap<>();
        private Long bootTime;

        Batch(Connection connection, long clientId) {
            this.connection = connection;
            this.clientId = clientId;
        }

        /**
         * True when the source rebooted since its last reading (its boot time moved): counters
         * started again from zero and the next reading must not be compared with the old ones.
         */
        public boolean rebooted(Long bootTimeSeries, Long sentBootTime) throws SQLException {
            if (sentBootTime == null) {
                return false;
            }
            Long previous = bootTime != null ? bootTime : lastBootTime.get(clientId);
            if (previous == null && bootTimeSeries != null) {
                previous = latest(bootTimeSeries, null).map(r -> (long) r.value()).orElse(null);
            }
            bootTime = sentBootTime;
            return previous != null && Math.abs(previous - sentBootTime) > BOOT_TIME_TOLERANCE_SECONDS;
        }

        /** The rate since the previous reading of the series, and remembers this reading. */
        public OptionalDouble next(long seriesId, CounterReading reading, boolean reset, CounterWidth width)
                throws SQLException {
            CounterReading previous = readings.get(seriesId);
            if (previous == null) {
                previous = lastReading.getOrDefault(clientId, Map.of()).get(seriesId);
            }
            if (previous == null && !reset) {
                previous = latest(seriesId, reading).orElse(null);
            }
            if (previous != null && previous.time().isAfter(reading.time())) {
                // An older reading arriving late (a replay): it must not move the state back.
                return OptionalDouble.empty();
            }
            readings.put(seriesId, reading);
            return reset ? OptionalDouble.empty() : CounterRate.between(previous, reading, width);
        }

        /** Makes this request's readings the remembered ones; call after commit. */
        public void publish() {
            if (!readings.isEmpty()) {
                Map<Long, CounterReading> remembered = lastReading.computeIfAbsent(clientId, c -> new ConcurrentHashMap<>());
                readings.forEach((id, r) -> remembered.merge(id, r, (old, neu) -> neu.time().isAfter(old.time()) ? neu : old));
            }
            if (bootTime != null) {
                lastBootTime.put(clientId, bootTime);
            }
        }

        private Optional<CounterReading> latest(long seriesId, CounterReading before) throws SQLException {
            String sql = "SELECT ts, val FROM sample WHERE series_id = ?"
                    + (before == null ? "" : " AND ts < ?") + " ORDER BY ts DESC LIMIT 1";
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setLong(1, seriesId);
                if (before != null) {
                    select.setObject(2, OffsetDateTime.ofInstant(before.time(), ZoneOffset.UTC));
                }
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new CounterReading(row.getObject(1, OffsetDateTime.class).toInstant(),
                            row.getDouble(2)));
                }
            }
        }
    }
}
