package org.opsmon.monitoring.ingest.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.opsmon.monitoring.clients.entity.ClientRemoved;
import org.opsmon.monitoring.ingest.entity.SeriesKey;
import org.opsmon.monitoring.platform.control.AfterCommit;

/**
 * Maps (client, metric, labels) to series ids. A client's series are loaded once and cached;
 * new series are created with an insert that tolerates a concurrent creator, and enter the
 * cache only after their transaction commits. Everything runs on the caller's connection, so
 * a request's series, samples and marks commit or roll back together.
 */
@ApplicationScoped
public class SeriesRegistry {

    @Inject
    AfterCommit afterCommit;

    private final Map<Long, Map<SeriesKey, Long>> byClient = new ConcurrentHashMap<>();

    /** Ids for every key, creating the missing series on the caller's (transaction-enlisted) connection. */
    public Map<SeriesKey, Long> idsFor(Connection connection, long clientId, Iterable<SeriesKey> keys)
            throws SQLException {
        Map<SeriesKey, Long> known = known(connection, clientId);
        Map<SeriesKey, Long> result = new HashMap<>();
        Map<SeriesKey, Long> created = new HashMap<>();
        for (SeriesKey key : keys) {
            Long id = known.get(key);
            if (id == null) {
                id = created.get(key);
            }
            if (id == null) {
                id = create(connection, clientId, key);
                created.put(key, id);
            }
            result.put(key, id);
        }
        if (!created.isEmpty()) {
            afterCommit.run(() -> known.putAll(created));
        }
        return result;
    }

    /** A removed client's series are gone from the database; the cache must not resurrect them. */
    void forget(@Observes(during = TransactionPhase.AFTER_SUCCESS) ClientRemoved removed) {
        byClient.remove(removed.clientId());
    }

    private Map<SeriesKey, Long> known(Connection connection, long clientId) throws SQLException {
        Map<SeriesKey, Long> known = byClient.get(clientId);
        if (known != null) {
            return known;
        }
        Map<SeriesKey, Long> loaded = new ConcurrentHashMap<>();
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
        Map<SeriesKey, Long> raced = byClient.putIfAbsent(clientId, loaded);
        return raced == null ? loaded : raced;
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
                    throw new SQLException("Series " + key + " vanished right after its creation");
                }
                return row.getLong(1);
            }
        }
    }
}
