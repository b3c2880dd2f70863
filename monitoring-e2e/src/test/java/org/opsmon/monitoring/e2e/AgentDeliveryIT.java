package org.opsmon.monitoring.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What an operator relies on: the agent jar enrolls itself, streams to the server, keeps
 * collecting while the server is down for a minute, and after the server returns the stored
 * history has no hole; a kill -9 of the agent loses nothing either.
 */
class AgentDeliveryIT {

    static final String DATABASE = "monitoring_e2e";
    static final String ADMIN_PASSWORD = "e2e-admin-password";
    static final String ENROLLMENT_SECRET = "e2e-enrollment-secret-0123456789";
    static final String HOST = "e2e-host";
    static final int INTERVAL_SECONDS = 2;
    /** Two missed intervals plus scheduling slack: anything longer is a hole in the history. */
    static final double MAX_GAP_SECONDS = 2 * INTERVAL_SECONDS + 1.5;

    Path work;
    int port;
    Process server;
    Process agent;
    Map<String, String> serverEnvironment;

    @BeforeEach
    void freshDatabaseAndServer() throws Exception {
        work = Path.of(System.getProperty("e2e.work"));
        Files.createDirectories(work);
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + DATABASE);
        }
        port = Processes.freePort();
        serverEnvironment = Map.of(
                "MONITORING_DB_URL", "jdbc:postgresql://" + System.getProperty("e2e.db.host") + ":5432/" + DATABASE,
                "MONITORING_DB_USER", System.getProperty("e2e.db.user"),
                "MONITORING_DB_PASSWORD", System.getProperty("e2e.db.password", ""),
                "MONITORING_ADMIN_PASSWORD", ADMIN_PASSWORD,
                "MONITORING_ENROLLMENT_SECRET", ENROLLMENT_SECRET,
                "MONITORING_DATA_DIR", work.resolve("data").toString(),
                "MONITORING_PROBE_MIN_INTERVAL", "1");
        server = Processes.server(port, serverEnvironment, work);
        Processes.awaitReady(port, server, Duration.ofMinutes(4));
    }

    @AfterEach
    void stopEverything() throws InterruptedException {
        Processes.stop(agent);
        Processes.stop(server);
    }

    Process startAgent() throws Exception {
        return Processes.start(List.of(Processes.java(), "-jar", System.getProperty("e2e.agent"),
                        "--server", "http://127.0.0.1:" + port, "--username", HOST,
                        "--interval", INTERVAL_SECONDS + "s", "--spool", work.resolve("spool").toString(),
                        "--probe-interval", "10s", "--probe-bytes", "256k", "--wait-for-server"),
                Map.of("MONITORING_AGENT_PASSWORD", "e2e-agent-password", "MONITORING_ENROLLMENT_SECRET", ENROLLMENT_SECRET),
                work.resolve("agent.log"));
    }

    @Test
    void serverOutageOfAMinuteLeavesNoGap() throws Exception {
        agent = startAgent();
        awaitSnapshots(3, Duration.ofSeconds(90));

        Instant outageStart = Instant.now();
        Processes.stop(server);
        sitOutOutage(Duration.ofMinutes(1));
        server = Processes.server(port, serverEnvironment, work);
        Processes.awaitReady(port, server, Duration.ofMinutes(4));
        Instant outageEnd = Instant.now();

        awaitCaughtUp(Duration.ofSeconds(90));
        List<Instant> times = snapshotTimes();
        assertNoGap(times);
        // Fast collectors are in every snapshot, so their series have no hole either.
        assertNoGap(seriesTimes("memory.used"));
        assertNoGap(seriesTimes("processor.load_1"));
        long duringOutage = times.stream().filter(t -> t.isAfter(outageStart) && t.isBefore(outageEnd)).count();
        long expected = Duration.between(outageStart, outageEnd).toSeconds() / INTERVAL_SECONDS;
        assertTrue(duringOutage >= expected - 2, duringOutage + " snapshots stored from the outage, expected about " + expected);

        // The agent dies hard and comes back: its spool replays, the server keeps each seq once.
        agent.destroyForcibly().waitFor();
        Instant restart = Instant.now();
        agent = startAgent();
        awaitSnapshotAfter(restart, Duration.ofSeconds(60));
        awaitCaughtUp(Duration.ofSeconds(60));
        assertNoGap(snapshotTimes());
        assertEquals(0, scalar("SELECT COUNT(*) FROM (SELECT s.series_id, s.ts FROM sample s GROUP BY s.series_id, s.ts "
                + "HAVING COUNT(*) > 1) d"), "no sample stored twice");
        assertTrue(scalar("SELECT COUNT(*) FROM series r JOIN client c ON c.id = r.client_id WHERE c.name = ? "
                + "AND r.metric = 'network.bytes_recv_per_s'", HOST) > 0, "network rates derived from the agent's counters");
        assertTrue(scalar("SELECT COUNT(*) FROM series r JOIN client c ON c.id = r.client_id WHERE c.name = ? "
                + "AND r.metric = 'processor.per_core_usage'", HOST) >= 1);
        assertTrue(scalar("SELECT COUNT(*) FROM sample s JOIN series r ON r.id = s.series_id JOIN client c "
                + "ON c.id = r.client_id WHERE c.name = ? AND r.metric = 'link.download_bps' AND s.val > 0", HOST) >= 1,
                "the link probe measured the download rate");
    }

    void assertNoGap(List<Instant> times) {
        assertTrue(times.size() > 10, "snapshots stored: " + times.size());
        List<String> gaps = new ArrayList<>();
        for (int i = 1; i < times.size(); i++) {
            double seconds = Duration.between(times.get(i - 1), times.get(i)).toMillis() / 1000.0;
            if (seconds > MAX_GAP_SECONDS) {
                gaps.add(times.get(i - 1) + " -> " + times.get(i) + " (" + seconds + " s)");
            }
        }
        assertTrue(gaps.isEmpty(), "holes in the stored history: " + gaps);
    }

    /** Times of the stored snapshots (one row per acknowledged seq). */
    List<Instant> snapshotTimes() throws SQLException {
        return times("SELECT s.sample_time FROM ingested_snapshot s JOIN client c ON c.id = s.client_id "
                + "WHERE c.name = ? ORDER BY s.sample_time");
    }

    /** Sample times of one of the agent's series. */
    List<Instant> seriesTimes(String metric) throws SQLException {
        return times("SELECT s.ts FROM sample s JOIN series r ON r.id = s.series_id JOIN client c ON c.id = r.client_id "
                + "WHERE c.name = ? AND r.metric = '" + metric + "' ORDER BY s.ts");
    }

    List<Instant> times(String sql) throws SQLException {
        List<Instant> times = new ArrayList<>();
        try (Connection c = connect(DATABASE); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, HOST);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    times.add(rows.getObject(1, OffsetDateTime.class).toInstant());
                }
            }
        }
        return times;
    }

    /**
     * The outage lasts as long as the scenario says; all along the agent must stay up, and it must
     * say that it keeps the snapshots it cannot deliver.
     */
    void sitOutOutage(Duration outage) throws Exception {
        long end = System.nanoTime() + outage.toNanos();
        while (System.nanoTime() < end) {
            assertTrue(agent.isAlive(), "the agent keeps running while the server is away; see agent.log");
            Thread.sleep(Math.max(1, Math.min(1000, (end - System.nanoTime()) / 1_000_000)));
        }
        assertTrue(Files.readString(work.resolve("agent.log")).contains("kept in the spool"),
                "the agent reports that it spools while the server is away");
    }

    /** Until the restarted agent has stored a snapshot it collected itself. */
    void awaitSnapshotAfter(Instant start, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Instant> times = snapshotTimes();
            if (!times.isEmpty() && times.get(times.size() - 1).isAfter(start)) {
                return;
            }
            assertTrue(System.nanoTime() < deadline, "the restarted agent stored nothing within " + timeout);
            assertTrue(agent.isAlive(), "the agent exited; see agent.log");
            Thread.sleep(500);
        }
    }

    void awaitSnapshots(int count, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (snapshotTimes().size() < count) {
            assertTrue(System.nanoTime() < deadline, "the agent stored fewer than " + count + " snapshots in " + timeout);
            assertTrue(agent.isAlive(), "the agent exited; see agent.log");
            Thread.sleep(1000);
        }
    }

    /** Until the newest stored snapshot is recent: the spool has drained. */
    void awaitCaughtUp(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Instant> times = snapshotTimes();
            if (!times.isEmpty() && Duration.between(times.get(times.size() - 1), Instant.now()).toSeconds()
                    <= 2L * INTERVAL_SECONDS) {
                return;
            }
            assertTrue(System.nanoTime() < deadline, "the agent did not catch up within " + timeout);
            Thread.sleep(1000);
        }
    }

    long scalar(String sql, Object... params) throws SQLException {
        try (Connection c = connect(DATABASE); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + System.getProperty("e2e.db.host") + ":5432/" + database,
                System.getProperty("e2e.db.user"), System.getProperty("e2e.db.password", ""));
    }
}
