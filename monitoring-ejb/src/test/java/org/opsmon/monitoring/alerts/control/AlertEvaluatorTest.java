package org.opsmon.monitoring.alerts.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opsmon.monitoring.alerts.entity.ActiveRule;
import org.opsmon.monitoring.alerts.entity.AlertChange;
import org.opsmon.monitoring.alerts.entity.AlertChanged;
import org.opsmon.monitoring.alerts.entity.AlertLevel;
import org.opsmon.monitoring.alerts.entity.AlertsEvaluated;
import org.opsmon.monitoring.alerts.entity.Comparison;
import org.opsmon.monitoring.alerts.entity.Thresholds;
import org.opsmon.monitoring.ingest.control.RecordedEvents;
import org.opsmon.monitoring.ingest.entity.SamplesIngested;
import org.opsmon.monitoring.ingest.entity.SeriesKey;
import org.opsmon.monitoring.ingest.entity.StoredSample;
import org.opsmon.monitoring.platform.control.FreshDatabase;

/**
 * The evaluator against a real database: what it writes, what it announces, and what a fresh
 * evaluator (a restarted server) makes of it. Each test uses a client of its own.
 */
class AlertEvaluatorTest {

    @RegisterExtension
    static final FreshDatabase DATABASE = new FreshDatabase();

    /** The default rules 1 (memory) and 5 (agent silent), as the migration creates them. */
    static final ActiveRule MEMORY = new ActiveRule(1, "Memory usage", "memory.percentage", Map.of(), null,
            Thresholds.of(Comparison.GREATER, 80.0, 90.0, 75.0, 85.0), 0, 300, true);
    static final ActiveRule SILENT = new ActiveRule(5, "Agent silent", "agent.missed_intervals", Map.of(), null,
            Thresholds.of(Comparison.GREATER_OR_EQUAL, null, 3.0, null, 3.0), 0, 300, true);

    final Instant t0 = Instant.now().minusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    final MovableClock clock = new MovableClock(t0);
    final RecordedEvents<AlertChanged> changes = new RecordedEvents<>();
    final RecordedEvents<AlertsEvaluated> passes = new RecordedEvents<>();

    static final class MovableClock extends Clock {
        Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(long seconds) {
            now = now.plusSeconds(seconds);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** An evaluator as the container wires it, over the test database: one per "server run". */
    AlertEvaluator server(ActiveRule... rules) {
        AlertStore store = new AlertStore();
        AlertRecorder recorder = new AlertRecorder();
        recorder.dataSource = DATABASE.dataSource();
        recorder.store = store;
        recorder.changed = changes;
        recorder.clock = clock;
        AlertEvaluator evaluator = new AlertEvaluator();
        evaluator.dataSource = DATABASE.dataSource();
        evaluator.store = store;
        evaluator.recorder = recorder;
        evaluator.evaluated = passes;
        evaluator.clock = clock;
        evaluator.start(List.of(rules));
        return evaluator;
    }

    static SamplesIngested memory(long client, Instant time, double percent) {
        return new SamplesIngested(client, "host-" + client, time,
                List.of(new StoredSample(SeriesKey.of("memory.percentage"), percent),
                        new StoredSample(SeriesKey.of("memory.used"), 1e9)));
    }

    long alerts(long client, String state) throws SQLException {
        return DATABASE.number("SELECT COUNT(*) FROM alert WHERE client_id = ? AND state = ?", client, state);
    }

    List<AlertChange> changesOf(long client) {
        return changes.fired.stream().filter(c -> c.clientId() == client).map(AlertChanged::change).toList();
    }

    @Test
    void aFiringAlertSurvivesARestartWithoutASecondOpening() throws SQLException {
        long client = DATABASE.client("restarted");
        AlertEvaluator first = server(MEMORY);
        first.evaluate(memory(client, t0, 95));
        assertEquals(List.of(AlertChange.OPENED), changesOf(client));
        AlertChanged opened = changes.fired.get(changes.fired.size() - 1);
        assertEquals("Critical memory usage: 95.0% (threshold: 90.0%)", opened.message());
        assertEquals(AlertLevel.CRITICAL, opened.level());
        assertNull(opened.previousLevel());
        assertEquals(1, alerts(client, "FIRING"));
        AlertsEvaluated pass = passes.fired.get(passes.fired.size() - 1);
        assertEquals(List.of(opened), pass.changes());
        assertEquals(client, pass.snapshot().clientId(), "the pass carries its snapshot");

        AlertEvaluator second = server(MEMORY);
        second.evaluate(memory(client, t0.plusSeconds(10), 96));
        second.evaluate(memory(client, t0.plusSeconds(20), 92));
        assertEquals(List.of(AlertChange.OPENED), changesOf(client), "resumed, not opened again");
        assertEquals(1, DATABASE.number("SELECT COUNT(*) FROM alert WHERE client_id = ?", client));

        second.evaluate(memory(client, t0.plusSeconds(30), 84));
        second.evaluate(memory(client, t0.plusSeconds(40), 70));
        assertEquals(List.of(AlertChange.OPENED, AlertChange.DEESCALATED, AlertChange.RESOLVED), changesOf(client));
        assertEquals(opened.alertId(), changes.fired.get(changes.fired.size() - 1).alertId());
        assertEquals(1, alerts(client, "RESOLVED"));
        assertEquals("Resolved memory usage: 70.0% (clear threshold: 75.0%)",
                DATABASE.value("SELECT message FROM alert WHERE client_id = ?", client));
        assertEquals(t0.plusSeconds(40), DATABASE.instant("SELECT resolved_at FROM alert WHERE client_id = ?", client));
    }

    @Test
    void afterARestartSnapshotsOlderThanWhatTheClientHadStoredAreBackFill() throws SQLException {
        long client = DATABASE.client("backfilled");
        DATABASE.update("UPDATE client SET last_sample_at = ? WHERE id = ?", t0.plusSeconds(100), client);
        AlertEvaluator evaluator = server(MEMORY);
        evaluator.evaluate(memory(client, t0.plusSeconds(50), 99));
        assertEquals(List.of(), changesOf(client), "spooled history does not page");
        evaluator.evaluate(memory(client, t0.plusSeconds(100), 99));
        assertEquals(List.of(AlertChange.OPENED), changesOf(client));
        evaluator.evaluate(memory(client, t0.plusSeconds(90), 10));
        assertEquals(1, alerts(client, "FIRING"), "an older low value does not resolve it");
    }

    @Test
    void anAcknowledgementHoldsAcrossARestart() throws SQLException {
        long client = DATABASE.client("acknowledged");
        AlertEvaluator first = server(MEMORY);
        first.evaluate(memory(client, t0, 95));
        long id = changes.fired.get(changes.fired.size() - 1).alertId();
        assertEquals(AlertEvaluator.Acknowledgement.ACKNOWLEDGED, first.acknowledge(client, id, "alice"));
        assertEquals(AlertEvaluator.Acknowledgement.ALREADY_ACKNOWLEDGED, first.acknowledge(client, id, "bob"));
        assertEquals("alice", DATABASE.value("SELECT acknowledged_by FROM alert WHERE id = ?", id));

        AlertEvaluator second = server(MEMORY);
        clock.advance(3600);
        second.check();
        assertEquals(List.of(AlertChange.OPENED), changesOf(client), "no reminder for an acknowledged alert");
        clock.advance(-3600);
    }

    @Test
    void remindersComeFromTheTimerAndAreAnnouncedWithoutASnapshot() throws SQLException {
        long client = DATABASE.client("reminded");
        AlertEvaluator evaluator = server(MEMORY);
        clock.now = t0;
        evaluator.evaluate(memory(client, t0, 95));
        clock.advance(299);
        evaluator.check();
        assertEquals(List.of(AlertChange.OPENED), changesOf(client));
        clock.advance(1);
        evaluator.check();
        assertEquals(List.of(AlertChange.OPENED, AlertChange.REMINDED), changesOf(client));
        AlertsEvaluated pass = passes.fired.get(passes.fired.size() - 1);
        assertNull(pass.snapshot());
        assertEquals(AlertChange.REMINDED, pass.changes().get(0).change());
        assertEquals(t0.plusSeconds(300), DATABASE.instant("SELECT last_notified_at FROM alert WHERE client_id = ?", client));
        clock.now = t0;
    }

    @Test
    void aSilentAgentIsFoundByTheTimerAndClearedByItsNextSnapshot() throws SQLException {
        long client = DATABASE.client("silent");
        AlertEvaluator evaluator = server(MEMORY, SILENT);
        for (int i = 0; i < 4; i++) {
            evaluator.evaluate(memory(client, t0.plusSeconds(10L * i), 50));
            clock.advance(10);
        }
        evaluator.check();
        assertEquals(List.of(), changesOf(client), "heard from 10 s ago, every 10 s");
        clock.advance(25);
        evaluator.check();
        assertEquals(List.of(AlertChange.OPENED), changesOf(client), "35 s of silence: 3 missed intervals");
        AlertChanged opened = changes.fired.get(changes.fired.size() - 1);
        assertEquals("agent.missed_intervals", opened.metric());
        assertEquals("Critical agent silence: 3 missed intervals (threshold: 3 missed intervals)", opened.message());

        AlertEvaluator restarted = server(MEMORY, SILENT);
        clock.advance(60);
        restarted.check();
        assertEquals(List.of(AlertChange.OPENED), changesOf(client), "still silent after a restart: nothing new");
        restarted.evaluate(memory(client, t0.plusSeconds(200), 50));
        assertEquals(List.of(AlertChange.OPENED, AlertChange.RESOLVED), changesOf(client));
    }

    @Test
    void deletingARuleResolvesItsFiringAlertsAndDropsPendingOnes() throws SQLException {
        long client = DATABASE.client("retired");
        long ruleId = DATABASE.number("INSERT INTO alert_rule (id, name, metric, labels, comparison, warning, critical, "
                + "clear_warning, clear_critical, for_s, renotify_s, enabled, created_at, updated_at) VALUES "
                + "(nextval('alert_rule_seq'), 'slow', 'memory.used', '{}', '>', 5, NULL, 5, NULL, 600, 300, TRUE, "
                + "now(), now()) RETURNING id");
        ActiveRule slow = new ActiveRule(ruleId, "slow", "memory.used", Map.of(), null,
                Thresholds.of(Comparison.GREATER, 5.0, null, null, null), 600, 300, true);
        AlertEvaluator evaluator = server(MEMORY, slow);
        evaluator.evaluate(memory(client, t0, 95));
        assertEquals(1, alerts(client, "PENDING"), "memory.used pending for 600 s");
        assertEquals(1, alerts(client, "FIRING"));

        evaluator.ruleRemoved(1);
        evaluator.ruleRemoved(ruleId);
        DATABASE.update("DELETE FROM alert_rule WHERE id IN (1, ?)", ruleId);
        assertEquals(0, alerts(client, "PENDING"));
        assertEquals(1, alerts(client, "RESOLVED"));
        AlertChanged resolved = changes.fired.get(changes.fired.size() - 1);
        assertEquals(AlertChange.RESOLVED, resolved.change());
        assertEquals("Resolved memory usage: its rule was deleted", resolved.message());
        assertTrue(passes.fired.stream().anyMatch(p -> p.snapshot() == null && p.changes().contains(resolved)));
        DATABASE.execute("INSERT INTO alert_rule (id, name, metric, labels, comparison, warning, critical, clear_warning, "
                + "clear_critical, for_s, renotify_s, enabled, created_at, updated_at) VALUES (1, 'Memory usage', "
                + "'memory.percentage', '{}', '>', 80, 90, 75, 85, 0, 300, TRUE, now(), now())");
    }
}
