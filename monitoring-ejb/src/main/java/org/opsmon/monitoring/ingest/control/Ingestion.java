package org.opsmon.monitoring.ingest.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import javax.sql.DataSource;
import org.opsmon.monitoring.clients.entity.Client;
import org.opsmon.monitoring.ingest.entity.CommandRun;
import org.opsmon.monitoring.ingest.entity.CounterReading;
import org.opsmon.monitoring.ingest.entity.IngestResult;
import org.opsmon.monitoring.ingest.entity.Measurement;
import org.opsmon.monitoring.ingest.entity.SamplesIngested;
import org.opsmon.monitoring.ingest.entity.SeriesKey;
import org.opsmon.monitoring.ingest.entity.Snapshot;
import org.opsmon.monitoring.ingest.entity.StoredSample;
import org.opsmon.monitoring.platform.control.AfterCommit;

/**
 * The single way into the sample store, whatever the source (agent over HTTP or WebSocket,
 * the server's own sampler, SNMP polling): deduplicates by sequence number, turns counters
 * into rates, writes samples and commands, moves the client's last-seen marks, and announces
 * what was stored once the transaction has committed.
 */
@ApplicationScoped
public class Ingestion {

    static final String RATE_SUFFIX = "_per_s";

    @Resource(lookup = "java:app/jdbc/monitoring")
    DataSource dataSource;

    @Inject
    SeriesRegistry series;

    @Inject
    SampleWriter writer;

    @Inject
    CounterRates rates;

    @Inject
    AfterCommit afterCommit;

    @Inject
    Event<SamplesIngested> ingested;

    @Transactional
    public IngestResult ingest(Client client, List<Snapshot> snapshots) {
        try (Connection connection = dataSource.getConnection()) {
            return ingest(connection, client, snapshots);
        } catch (SQLException e) {
            throw new IllegalStateException("Storing samples of " + client.name() + " failed: " + e.getMessage(), e);
        }
    }

    private IngestResult ingest(Connection connection, Client client, List<Snapshot> snapshots) throws SQLException {
        long clientId = client.id();
        Instant receivedAt = Instant.now();
        List<Snapshot> withSeq = new ArrayList<>();
        List<Snapshot> fresh = new ArrayList<>();
        List<Long> seqs = new ArrayList<>();
        for (Snapshot snapshot : snapshots) {
            if (snapshot.seq() == null) {
                fresh.add(snapshot);
            } else {
                seqs.add(snapshot.seq());
                withSeq.add(snapshot);
            }
        }
        boolean[] claimed = claimSeqs(connection, clientId, withSeq, receivedAt);
        int duplicates = 0;
        for (int i = 0; i < withSeq.size(); i++) {
            if (claimed[i]) {
                fresh.add(withSeq.get(i));
            } else {
                duplicates++;
            }
        }
        if (fresh.isEmpty()) {
            return new IngestResult(0, duplicates, 0, seqs);
        }
        fresh.sort(Comparator.comparing(Snapshot::time));

        Set<SeriesKey> keys = new LinkedHashSet<>();
        for (Snapshot snapshot : fresh) {
            for (Measurement m : snapshot.measurements()) {
                keys.add(m.key());
                if (m.counter()) {
                    keys.add(rateKey(m.key()));
                }
            }
        }
        Map<SeriesKey, Long> ids = series.idsFor(clientId, keys);

        CounterRates.Batch rateBatch = rates.batch(connection);
        List<SampleWriter.Row> rows = new ArrayList<>();
        List<SamplesIngested> events = new ArrayList<>(fresh.size());
        for (Snapshot snapshot : fresh) {
            boolean reset = rateBatch.rebooted(clientId, ids.get(SeriesKey.of("system.boot_time")), snapshot.bootTime());
            List<StoredSample> stored = new ArrayList<>(snapshot.measurements().size() * 2);
            for (Measurement m : snapshot.measurements()) {
                long id = ids.get(m.key());
                rows.add(new SampleWriter.Row(id, snapshot.time(), m.value()));
                stored.add(new StoredSample(m.key(), m.value()));
                if (m.counter()) {
                    SeriesKey rateKey = rateKey(m.key());
                    OptionalDouble rate = rateBatch.next(id, new CounterReading(snapshot.time(), m.value()), reset,
                            CounterRate.Width.BITS_64);
                    if (rate.isPresent()) {
                        rows.add(new SampleWriter.Row(ids.get(rateKey), snapshot.time(), rate.getAsDouble()));
                        stored.add(new StoredSample(rateKey, rate.getAsDouble()));
                    }
                }
            }
            events.add(new SamplesIngested(clientId, client.name(), snapshot.time(), stored));
        }
        int written = writer.write(connection, rows);
        writeCommands(connection, clientId, fresh);
        touchClient(connection, clientId, fresh, receivedAt);

        afterCommit.run(() -> {
            rateBatch.publish();
            events.forEach(ingested::fireAsync);
        });
        return new IngestResult(fresh.size(), duplicates, written, seqs);
    }

    static SeriesKey rateKey(SeriesKey counter) {
        return counter.renamed(counter.metric() + RATE_SUFFIX);
    }

    /**
     * Records the snapshots' sequence numbers in one batch; an entry is false where the number
     * was already stored (a re-send), including twice within the same request.
     */
    private static boolean[] claimSeqs(Connection connection, long clientId, List<Snapshot> snapshots,
                                       Instant receivedAt) throws SQLException {
        boolean[] claimed = new boolean[snapshots.size()];
        if (snapshots.isEmpty()) {
            return claimed;
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO ingested_snapshot (client_id, seq, sample_time, received_at) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT DO NOTHING")) {
            for (Snapshot snapshot : snapshots) {
                insert.setLong(1, clientId);
                insert.setLong(2, snapshot.seq());
                insert.setObject(3, utc(snapshot.time()));
                insert.setObject(4, utc(receivedAt));
                insert.addBatch();
            }
            int[] counts = insert.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                // SUCCESS_NO_INFO only comes from drivers told to rewrite batches; the sample table's
                // key still keeps such a re-send from storing a sample twice.
                claimed[i] = counts[i] > 0 || counts[i] == java.sql.Statement.SUCCESS_NO_INFO;
            }
        }
        return claimed;
    }

    private static void writeCommands(Connection connection, long clientId, List<Snapshot> snapshots)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO command_event (id, client_id, username, command, started_at, pid, origin) "
                        + "VALUES (nextval('command_event_seq'), ?, ?, ?, ?, ?, ?)")) {
            int pending = 0;
            for (Snapshot snapshot : snapshots) {
                for (CommandRun run : snapshot.commands()) {
                    insert.setLong(1, clientId);
                    insert.setString(2, run.user());
                    insert.setString(3, run.command());
                    insert.setObject(4, utc(run.startedAt()));
                    if (run.pid() == null) {
                        insert.setNull(5, java.sql.Types.BIGINT);
                    } else {
                        insert.setLong(5, run.pid());
                    }
                    insert.setString(6, run.origin());
                    insert.addBatch();
                    pending++;
                }
            }
            if (pending > 0) {
                insert.executeBatch();
            }
        }
    }

    private static void touchClient(Connection connection, long clientId, List<Snapshot> snapshots, Instant now)
            throws SQLException {
        Snapshot newest = snapshots.get(snapshots.size() - 1);
        Instant oldest = snapshots.get(0).time();
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE client SET last_seen = ?, "
                        + "latest_snapshot = CASE WHEN latest_snapshot_at IS NULL OR latest_snapshot_at <= ? "
                        + "THEN ? ELSE latest_snapshot END, "
                        + "latest_snapshot_at = CASE WHEN latest_snapshot_at IS NULL OR latest_snapshot_at <= ? "
                        + "THEN ? ELSE latest_snapshot_at END, "
                        + "first_sample_at = CASE WHEN first_sample_at IS NULL OR first_sample_at > ? "
                        + "THEN ? ELSE first_sample_at END, "
                        + "last_sample_at = CASE WHEN last_sample_at IS NULL OR last_sample_at < ? "
                        + "THEN ? ELSE last_sample_at END "
                        + "WHERE id = ?")) {
            OffsetDateTime newestTime = utc(newest.time());
            OffsetDateTime oldestTime = utc(oldest);
            update.setObject(1, utc(now));
            update.setObject(2, newestTime);
            update.setString(3, newest.json());
            update.setObject(4, newestTime);
            update.setObject(5, newestTime);
            update.setObject(6, oldestTime);
            update.setObject(7, oldestTime);
            update.setObject(8, newestTime);
            update.setObject(9, newestTime);
            update.setLong(10, clientId);
            update.executeUpdate();
        }
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
