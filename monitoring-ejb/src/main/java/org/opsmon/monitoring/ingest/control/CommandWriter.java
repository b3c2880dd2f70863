package org.opsmon.monitoring.ingest.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.opsmon.monitoring.ingest.entity.CommandRun;
import org.opsmon.monitoring.ingest.entity.Snapshot;

/** Writes the commands users ran, reported by the snapshots, in one batch on the caller's connection. */
@ApplicationScoped
public class CommandWriter {

    /** Returns how many commands were written. */
    public int write(Connection connection, long clientId, List<Snapshot> snapshots) throws SQLException {
        if (snapshots.stream().allMatch(snapshot -> snapshot.commands().isEmpty())) {
            return 0;
        }
        int written = 0;
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO command_event (id, client_id, username, command, started_at, pid, origin) "
                        + "VALUES (nextval('command_event_seq'), ?, ?, ?, ?, ?, ?)")) {
            for (Snapshot snapshot : snapshots) {
                for (CommandRun run : snapshot.commands()) {
                    insert.setLong(1, clientId);
                    insert.setString(2, run.user());
                    insert.setString(3, run.command());
                    insert.setObject(4, OffsetDateTime.ofInstant(run.startedAt(), ZoneOffset.UTC));
                    if (run.pid() == null) {
                        insert.setNull(5, Types.BIGINT);
                    } else {
                        insert.setLong(5, run.pid());
                    }
                    insert.setString(6, run.origin());
                    insert.addBatch();
                    written++;
                }
            }
            insert.executeBatch();
        }
        return written;
    }
}
