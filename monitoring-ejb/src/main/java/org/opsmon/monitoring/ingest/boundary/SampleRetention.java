package org.opsmon.monitoring.ingest.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps the sample store's shape over time. On PostgreSQL: creates the daily partitions of the
 * next days ahead of need, and drops whole partitions older than the retention (no DELETE
 * storms). On the embedded database: deletes old rows. Retention 0 keeps everything. Commands
 * follow the sample retention; the record of stored sequence numbers is kept for dedupe.days.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@TransactionManagement(TransactionManagementType.BEAN)
public class SampleRetention {

    static final int DAYS_AHEAD = 3;
    /** Bounds the time one run holds the sample table locked while it moves late rows. */
    static final int STRAY_DAYS_PER_RUN = 7;
    private static final Logger LOG = Logger.getLogger(SampleRetention.class.getName());
    private static final DateTimeFormatter PARTITION_DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    @Resource(lookup = "java:app/jdbc/monitoring")
    DataSource dataSource;

    @Inject
    @ConfigProperty(name = "monitoring.retention.days", defaultValue = "0")
    int retentionDays;

    /** How long re-sent sequence numbers are recognised; longer than any spool holds a backlog. */
    @Inject
    @ConfigProperty(name = "monitoring.dedupe.days", defaultValue = "30")
    int dedupeDays;

    @PostConstruct
    void atStart() {
        maintain();
    }

    @Schedule(hour = "*", minute = "5", persistent = false)
    void hourly() {
        maintain();
    }

    void maintain() {
        try (Connection connection = dataSource.getConnection()) {
            boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
            if (postgres) {
                preparePartitions(connection);
                if (retentionDays > 0) {
                    dropOldPartitions(connection);
                }
                adoptStrayDays(connection);
            } else if (retentionDays > 0) {
                deleteBefore(connection, "DELETE FROM sample WHERE ts < ?", retentionDays);
            }
            if (retentionDays > 0) {
                deleteBefore(connection, "DELETE FROM command_event WHERE started_at < ?", retentionDays);
            }
            if (dedupeDays > 0) {
                deleteBefore(connection, "DELETE FROM ingested_snapshot WHERE received_at < ?", dedupeDays);
            }
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Sample store maintenance failed; it runs again within the hour", e);
        }
    }

    private static void deleteBefore(Connection connection, String sql, int days) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(sql)) {
            delete.setObject(1, OffsetDateTime.now(ZoneOffset.UTC).minusDays(days));
            delete.executeUpdate();
        }
    }

    private static void preparePartitions(Connection connection) throws SQLException {
        try (PreparedStatement ensure = connection.prepareStatement("SELECT ensure_sample_partition(CAST(? AS DATE))")) {
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            for (int day = -1; day <= DAYS_AHEAD; day++) {
                LocalDate date = today.plusDays(day);
                ensure.setObject(1, date);
                try {
                    ensure.execute();
                } catch (SQLException e) {
                    // Samples for a day without its partition stay in the default partition and
                    // remain queryable; the next run tries again.
                    LOG.warning(() -> "Could not prepare the sample partition for " + date + ": "
                            + e.getMessage());
                }
            }
        }
    }

    /** Moves samples that landed in the default partition (late replays) into partitions of their own days. */
    private static void adoptStrayDays(Connection connection) {
        try (Statement adopt = connection.createStatement();
             ResultSet days = adopt.executeQuery("SELECT adopt_default_sample_days(" + STRAY_DAYS_PER_RUN + ")")) {
            days.next();
            int adopted = days.getInt(1);
            if (adopted > 0) {
                LOG.info(() -> "Moved late samples of " + adopted + " day(s) out of sample_default into their partitions");
            }
        } catch (SQLException e) {
            LOG.warning(() -> "Could not move late samples out of sample_default: " + e.getMessage());
        }
    }

    private void dropOldPartitions(Connection connection) throws SQLException {
        LocalDate cutoff = LocalDate.now(ZoneOffset.UTC).minusDays(retentionDays);
        List<String> old = new ArrayList<>();
        try (Statement list = connection.createStatement();
             ResultSet rows = list.executeQuery("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                     + "JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'sample' AND c.relname ~ '^sample_[0-9]{8}$'")) {
            while (rows.next()) {
                String name = rows.getString(1);
                LocalDate day = LocalDate.parse(name.substring("sample_".length()), PARTITION_DAY);
                if (day.plusDays(1).isBefore(cutoff) || day.plusDays(1).isEqual(cutoff)) {
                    old.add(name);
                }
            }
        }
        for (String name : old) {
            try (Statement drop = connection.createStatement()) {
                drop.execute("DROP TABLE " + name);
                LOG.info("Dropped sample partition " + name + " (older than " + retentionDays + " days)");
            }
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM sample_default WHERE ts < ?")) {
            delete.setObject(1, cutoff.atStartOfDay().atOffset(ZoneOffset.UTC));
            delete.executeUpdate();
        }
    }
}
