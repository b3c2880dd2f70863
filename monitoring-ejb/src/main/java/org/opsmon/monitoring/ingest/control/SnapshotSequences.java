package org.opsmon.monitoring.ingest.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.opsmon.monitoring.ingest.entity.Snapshot;

/**
 * Makes re-sends harmless: the first time a client's sequence number is seen it is recorded,
 * and a snapshot whose number is already recorded (sent before, or twice in one request) is a
 * duplicate. Snapshots without a number are always fresh; the sample table's key still keeps
 * their re-sends from storing a sample twice.
 */
@ApplicationScoped
public class SnapshotSequences {

    /** What a request brings that is new, in time order, and how many snapshots were re-sends. */
    public record Claim(List<Snapshot> fresh, int duplicates, List<Long> seqs) {
    }

    public Claim claim(Connection connection, long clientId, List<Snapshot> snapshots, Instant receivedAt)
            throws SQLException {
        List<Snapshot> fresh = new ArrayList<>(snapshots.size());
        List<Snapshot> numbered = new ArrayList<>();
        List<Long> seqs = new ArrayList<>();
        for (Snapshot snapshot : snapshots) {
            if (snapshot.seq() == null) {
                fresh.add(snapshot);
            } else {
                numbered.add(snapshot);
                seqs.add(snapshot.seq());
            }
        }
        int duplicates = 0;
        if (!numbered.isEmpty()) {
            int[] counts = record(connection, clientId, numbered, receivedAt);
            for (int i = 0; i < counts.length; i++) {
                // SUCCESS_NO_INFO only comes from drivers told to rewrite batches; then the sample
                // table's key is what keeps a re-send from storing a sample twice.
                if (counts[i] > 0 || counts[i] == Statement.SUCCESS_NO_INFO) {
                    fresh.add(numbered.get(i));
                } else {
                    duplicates++;
                }
            }
        }
        fresh.sort(Comparator.comparing(Snapshot::time));
        return new Claim(fresh, duplicates, seqs);
    }

    private static int[] record(Connection connection, long clientId, List<Snapshot> snapshots, Instant receivedAt)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO ingested_snapshot (client_id, seq, sample_time, received_at) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT DO NOTHING")) {
            OffsetDateTime received = OffsetDateTime.ofInstant(receivedAt, ZoneOffset.UTC);
            for (Snapshot snapshot : snapshots) {
                insert.setLong(1, clientId);
                insert.setLong(2, snapshot.seq());
                insert.setObject(3, OffsetDateTime.ofInstant(snapshot.time(), ZoneOffset.UTC));
                insert.setObject(4, received);
                insert.addBatch();
            }
            return insert.executeBatch();
        }
    }
}
