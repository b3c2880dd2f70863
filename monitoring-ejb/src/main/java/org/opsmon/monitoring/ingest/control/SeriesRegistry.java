package org.opsmon.monitoring.ingest.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.opsmon.monitoring.clients.entity.ClientRemoved;
import org.opsmon.monitoring.ingest.entity.SeriesDrops;
import org.opsmon.monitoring.ingest.entity.SeriesKey;
import org.opsmon.monitoring.ingest.entity.SeriesLimit;
import org.opsmon.monitoring.ingest.entity.SeriesLimits;
import org.opsmon.monitoring.ingest.entity.SeriesUsage;
import org.opsmon.monitoring.platform.control.AfterCommit;

/**
 * Maps (client, metric, labels) to series ids. A client's series are loaded once and cached;
 * new series are created with an insert that tolerates a concurrent creator, and enter the
 * cache only after their transaction commits. Everything runs on the caller's connection, so
 * a request's series, samples and marks commit or roll back together.
 * <p>
 * New series pass the {@link SeriesLimits} first. One that breaks a limit is not created: its
 * samples are dropped and counted, while the client's existing series go on storing, so a
 * source that invents names (an interface per container, a label per request) can neither
 * fill the database nor the server's memory.
 */
@ApplicationScoped
public class SeriesRegistry {

    private static final Logger LOG = Logger.getLogger(SeriesRegistry.class.getName());

    @Inject
    AfterCommit afterCommit;

    @Resource(lookup = "java:app/jdbc/monitoring")
    DataSource dataSource;

    SeriesLimits limits = SeriesLimits.DEFAULTS;
    Clock clock = Clock.systemUTC();

    private final Map<Long, ClientSeries> byClient = new ConcurrentHashMap<>();

    /** Creates this bean at deployment, where its resources resolve (see the platform package). */
    void created(@Observes @Initialized(ApplicationScoped.class) Object application) {
        // Observing the event is the point.
    }

    @Inject
    void configure(
            @ConfigProperty(name = "monitoring.series.max.per.client", defaultValue = SeriesLimits.PER_CLIENT_DEFAULT)
            int perClient,
            @ConfigProperty(name = "monitoring.series.max.new.per.minute",
                    defaultValue = SeriesLimits.NEW_PER_MINUTE_DEFAULT) int newPerMinute,
            @ConfigProperty(name = "monitoring.series.max.labels", defaultValue = SeriesLimits.LABELS_DEFAULT)
            int labelsPerSeries,
            @ConfigProperty(name = "monitoring.series.max.label.length", defaultValue = SeriesLimits.LABEL_LENGTH_DEFAULT)
            int labelValueLength) {
        limits = new SeriesLimits(perClient, newPerMinute, labelsPerSeries, labelValueLength);
    }

    /** Ids of a request's series, and what its limits dropped: keys without an id store nothing. */
    public record Resolved(Map<SeriesKey, Long> ids, SeriesDrops drops) {
    }

    /**
     * Ids for every key the limits admit, creating the missing series on the caller's
     * (transaction-enlisted) connection. {@code source} names the client in the log.
     */
    public Resolved idsFor(Connection connection, long clientId, String source, Iterable<SeriesKey> keys)
            throws SQLException {
        ClientSeries known = known(connection, clientId);
        long minute = clock.millis() / 60_000;
        Map<SeriesKey, Long> result = new HashMap<>();
        Map<SeriesKey, Long> created = new HashMap<>();
        Map<SeriesLimit, Integer> drops = new EnumMap<>(SeriesLimit.class);
        SeriesLimit first = null;
        int admitted = 0;
        try {
            for (SeriesKey key : keys) {
                Long id = known.id(key);
                if (id == null && !created.containsKey(key)) {
                    SeriesLimit refused = known.admit(key, limits, minute);
                    if (refused != null) {
                        drops.merge(refused, 1, Integer::sum);
                        first = first == null ? refused : first;
                        continue;
                    }
                    admitted++;
                    created.put(key, create(connection, clientId, key));
                }
                result.put(key, id != null ? id : created.get(key));
            }
        } finally {
            if (admitted > 0) {
                int places = admitted;
                afterCommit.run(() -> known.committed(created), () -> known.settled(places));
            }
        }
        if (drops.isEmpty()) {
            return new Resolved(result, SeriesDrops.NONE);
        }
        afterCommit.run(() -> report(source, known.dropped(drops, minute)));
        int count = drops.values().stream().mapToInt(Integer::intValue).sum();
        return new Resolved(result, new SeriesDrops(count, first.code(), first.describe(limits.value(first), count)));
    }

    /**
     * Series and dropped series of each client, from memory where the client's series are
     * loaded, otherwise counted in one query.
     */
    public Map<Long, SeriesUsage> usage(Collection<Long> clientIds) {
        Map<Long, SeriesUsage> usage = new LinkedHashMap<>();
        boolean counted = false;
        Map<Long, Long> stored = Map.of();
        for (Long clientId : clientIds) {
            ClientSeries known = byClient.get(clientId);
            if (known != null) {
                usage.put(clientId, new SeriesUsage(known.size(), known.dropped()));
                continue;
            }
            if (!counted) {
                stored = countStored();
                counted = true;
            }
            usage.put(clientId, new SeriesUsage(stored.getOrDefault(clientId, 0L), 0));
        }
        return usage;
    }

    /** A removed client's series are gone from the database; the cache must not resurrect them. */
    void forget(@Observes(during = TransactionPhase.AFTER_SUCCESS) ClientRemoved removed) {
        byClient.remove(removed.clientId());
    }

    private void report(String source, Map<SeriesLimit, Integer> report) {
        if (report == null) {
            return;
        }
        report.forEach((limit, count) -> LOG.warning(() -> "Client " + source + " reached " + limit.code() + ": "
                + count + " new series dropped since the last report, " + limit.named(limits.value(limit))));
    }

    private Map<Long, Long> countStored() {
        Map<Long, Long> counts = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT client_id, COUNT(*) FROM series GROUP BY client_id");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                counts.put(rows.getLong(1), rows.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Counting series failed: " + e.getMessage(), e);
        }
        return counts;
    }

    private ClientSeries known(Connection connection, long clientId) throws SQLException {
        ClientSeries known = byClient.get(clientId);
        if (known != null) {
            return known;
        }
        Map<SeriesKey, Long> loaded = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, metric, labels FROM series WHERE client_id = ?")) {
            select.setLong(1, clientId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    loaded.put(new SeriesKey(rows.getString(2), SeriesKey.labelsFromJson(rows.getString(3))),
                            rows.getLong(1));
                }
            }
        }
        // Read before the request creates any series: only committed rows enter the cache.
        ClientSeries fresh = new ClientSeries(loaded);
        ClientSeries raced = byClient.putIfAbsent(clientId, fresh);
        return raced == null ? fresh : raced;
    }

    private static long create(Connection connection, long clientId, SeriesKey key) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO series (id, client_id, metric, labels) VALUES (nextval('series_seq'), ?, ?, ?) "
                        + "ON CONFLICT DO NOTHING")) {
            insert.setLong(1, clientId);
            insert.setString(2, key.metric());
            insert.setString(3, key.labelsJson());
            insert.executeUpdate();
        }
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id FROM series WHERE client_id = ? AND metric = ? AND labels = ?")) {
            select.setLong(1, clientId);
            select.setString(2, key.metric());
            select.setString(3, key.labelsJson());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("A series of client " + clientId + " vanished right after its creation");
                }
                return row.getLong(1);
            }
        }
    }
}
