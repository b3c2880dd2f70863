package org.opsmon.monitoring.alerts.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.opsmon.monitoring.alerts.control.AlertLifecycle.Step;
import org.opsmon.monitoring.alerts.control.AlertRecorder.Evaluated;
import org.opsmon.monitoring.alerts.control.AlertRecorder.Recorded;
import org.opsmon.monitoring.alerts.entity.ActiveRule;
import org.opsmon.monitoring.alerts.entity.AlertChanged;
import org.opsmon.monitoring.alerts.entity.AlertsEvaluated;
import org.opsmon.monitoring.alerts.entity.Comparison;
import org.opsmon.monitoring.alerts.entity.SeriesState;
import org.opsmon.monitoring.alerts.entity.Thresholds;
import org.opsmon.monitoring.ingest.entity.SamplesIngested;
import org.opsmon.monitoring.ingest.entity.SeriesKey;
import org.opsmon.monitoring.ingest.entity.StoredSample;

/**
 * Evaluates every rule against every series it selects, as samples arrive, and on a timer for
 * what needs no sample (silent agents, reminders). Cheap on the ingest path: rules are held in
 * memory by metric, states in memory by client, and the database is written only on transitions.
 * Each client's evaluation holds that client's lock ({@link ClientAlerts}); transitions are
 * written and announced in one transaction ({@link AlertRecorder}) and only then applied to
 * memory, and each pass is announced as {@link AlertsEvaluated} after it committed.
 *
 * <p>A series met for the first time (a new source, or any source after a restart) counts as
 * evaluated up to the newest sample its client had stored by then, so snapshots back-filled after
 * a restart do not page; an alert open before a restart is resumed from its row, never opened or
 * announced again.
 *
 * <p>Readings that no source sends are fed in here, under the client they describe, and evaluated
 * like any sample: {@code agent.missed_intervals} for agents. A device's reachability
 * ({@code device.reachable} 1/0) or an interface's {@code if.oper_status} come from the SNMP poller
 * through ingestion, so rules on them need nothing here.
 */
@ApplicationScoped
public class AlertEvaluator {

    private static final Logger LOG = Logger.getLogger(AlertEvaluator.class.getName());

    /** The synthetic reading of agent silence. */
    public static final String MISSED_INTERVALS = "agent.missed_intervals";
    static final SeriesKey MISSED_INTERVALS_SERIES = SeriesKey.of(MISSED_INTERVALS);

    @Resource(lookup = "java:app/jdbc/monitoring")
    DataSource dataSource;

    @Inject
    AlertRecorder recorder;

    @Inject
    AlertStore store;

    @Inject
    AlertRules rules;

    @Inject
    Event<AlertsEvaluated> evaluated;

    Clock clock = Clock.systemUTC();

    private final ConcurrentHashMap<Long, ClientAlerts> clients = new ConcurrentHashMap<>();
    /** Rules being retired after their deletion: their states still name them. */
    private final Map<Long, ActiveRule> retiring = new ConcurrentHashMap<>();
    private volatile RuleIndex index;
    private volatile boolean agentsLoaded;
    private Instant startedAt;

    /** Creates this bean at deployment, where its resources resolve (see the platform package). */
    void created(@Observes @Initialized(ApplicationScoped.class) Object application) {
        // Observing the event is the point.
    }

    /** One pass over one client: the changes it recorded. */
    public record Pass(long clientId, String source, List<AlertChanged> changes) {
    }

    /** The rules by metric and by id, immutable: replaced whole when a rule changes. */
    record RuleIndex(Map<String, List<ActiveRule>> byMetric, Map<Long, ActiveRule> byId) {

        static RuleIndex of(Collection<ActiveRule> rules) {
            Map<String, List<ActiveRule>> byMetric = new HashMap<>();
            Map<Long, ActiveRule> byId = new HashMap<>();
            for (ActiveRule rule : rules) {
                byId.put(rule.id(), rule);
                if (rule.enabled()) {
                    byMetric.computeIfAbsent(rule.metric(), m -> new ArrayList<>()).add(rule);
                }
            }
            byMetric.replaceAll((metric, list) -> List.copyOf(list));
            return new RuleIndex(Map.copyOf(byMetric), Map.copyOf(byId));
        }

        List<ActiveRule> forMetric(String metric) {
            return byMetric.getOrDefault(metric, List.of());
        }
    }

    /**
     * Loads the rules and resumes every open alert; an open alert whose rule is gone, disabled or
     * no longer selects its series (changed while the server was down) is retired and announced.
     */
    public synchronized void start(List<ActiveRule> activeRules) {
        if (index != null) {
            return;
        }
        startedAt = clock.instant();
        RuleIndex loaded = RuleIndex.of(activeRules);
        List<AlertStore.OpenAlert> open;
        try (Connection connection = dataSource.getConnection()) {
            open = store.open(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("Loading open alerts failed: " + e.getMessage(), e);
        }
        Map<Long, List<Evaluated>> orphans = new HashMap<>();
        for (AlertStore.OpenAlert alert : open) {
            ClientAlerts client = clientFor(alert.clientId(), null);
            if (client == null) {
                continue;
            }
            ActiveRule rule = alert.ruleId() == null ? null : loaded.byId().get(alert.ruleId());
            if (rule != null && rule.selects(alert.clientId(), alert.series().metric(), alert.series().labels())) {
                client.states.put(new ClientAlerts.Key(rule.id(), alert.series()), alert.state());
            } else {
                ActiveRule known = rule != null ? rule : ghost(alert);
                String reason = rule == null ? "its rule was deleted" : rule.enabled()
                        ? "its rule no longer watches this series" : "its rule was disabled";
                orphans.computeIfAbsent(alert.clientId(), id -> new ArrayList<>()).add(new Evaluated(known,
                        alert.clientId(), client.source, alert.series(), alert.state(),
                        AlertLifecycle.retire(alert.state(), reason, startedAt), startedAt));
            }
        }
        index = loaded;
        orphans.forEach((clientId, steps) -> {
            ClientAlerts client = clients.get(clientId);
            synchronized (client) {
                guarded(client, () -> announce(commit(client, steps), null));
            }
        });
        LOG.info(() -> "Alert evaluation started: " + activeRules.size() + " rules, " + open.size() + " open alerts resumed");
    }

    /** A stand-in for the deleted rule of an alert found open at start, to retire it. */
    private static ActiveRule ghost(AlertStore.OpenAlert alert) {
        SeriesState state = alert.state();
        return new ActiveRule(alert.ruleId() == null ? 0 : alert.ruleId(), alert.ruleName(), alert.series().metric(),
                alert.series().labels(), null, Thresholds.of(Comparison.GREATER, null, state.threshold(), null, null),
                0, 0, false);
    }

    private void ensureStarted() {
        if (index == null) {
            start(rules.active());
        }
    }

    /** Evaluates one ingested snapshot and announces the pass, changes or not. */
    public Pass evaluate(SamplesIngested snapshot) {
        Pass pass;
        try {
            pass = evaluateSnapshot(snapshot);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Evaluating alerts of " + snapshot.source() + " failed; the next snapshot is evaluated again", e);
            pass = new Pass(snapshot.clientId(), snapshot.source(), List.of());
        }
        evaluated.fireAsync(new AlertsEvaluated(snapshot.clientId(), snapshot.source(), snapshot.time(), snapshot,
                pass.changes()));
        return pass;
    }

    private Pass evaluateSnapshot(SamplesIngested snapshot) {
        ensureStarted();
        ClientAlerts client = clientFor(snapshot.clientId(), snapshot.source());
        if (client == null) {
            return new Pass(snapshot.clientId(), snapshot.source(), List.of());
        }
        Instant heard = clock.instant();
        synchronized (client) {
            // Read under the lock: a rule change swaps the index, then retires client by client
            // under the same lock, so no pass can act on a rule after its retirement.
            RuleIndex rulesNow = index;
            client.source = snapshot.source();
            List<Evaluated> steps = new ArrayList<>();
            for (StoredSample sample : snapshot.samples()) {
                SeriesKey series = sample.key();
                for (ActiveRule rule : rulesNow.forMetric(series.metric())) {
                    if (rule.selects(client.clientId, series.metric(), series.labels())) {
                        ClientAlerts.Key key = new ClientAlerts.Key(rule.id(), series);
                        SeriesState before = client.state(key, false);
                        steps.add(new Evaluated(rule, client.clientId, client.source, series, before,
                                AlertLifecycle.sample(before, rule, sample.value(), snapshot.time()), snapshot.time()));
                    }
                }
            }
            if (client.cadence != null) {
                client.cadence.record(snapshot.time(), heard);
                silence(client, rulesNow, 0, heard, steps);
            }
            return commit(client, steps);
        }
    }

    /** Feeds the agent's missed intervals to the rules on them. */
    private static void silence(ClientAlerts client, RuleIndex rulesNow, long missed, Instant now, List<Evaluated> steps) {
        for (ActiveRule rule : rulesNow.forMetric(MISSED_INTERVALS)) {
            if (rule.selects(client.clientId, MISSED_INTERVALS, MISSED_INTERVALS_SERIES.labels())) {
                ClientAlerts.Key key = new ClientAlerts.Key(rule.id(), MISSED_INTERVALS_SERIES);
                SeriesState before = client.state(key, true);
                steps.add(new Evaluated(rule, client.clientId, client.source, MISSED_INTERVALS_SERIES, before,
                        AlertLifecycle.sample(before, rule, missed, now), now));
            }
        }
    }

    /**
     * The timer's pass: every agent's missed intervals, every reminder due. Announces and answers
     * the passes that changed alerts.
     */
    public List<Pass> check() {
        ensureStarted();
        loadAgents();
        Instant now = clock.instant();
        List<Pass> passes = new ArrayList<>();
        for (ClientAlerts client : clients.values()) {
            synchronized (client) {
                RuleIndex rulesNow = index;
                List<Evaluated> steps = new ArrayList<>();
                if (client.cadence != null) {
                    Long missed = client.cadence.missedIntervals(now, startedAt);
                    if (missed != null) {
                        silence(client, rulesNow, missed, now, steps);
                    }
                }
                for (Map.Entry<ClientAlerts.Key, SeriesState> entry : client.states.entrySet()) {
                    ActiveRule rule = rulesNow.byId().get(entry.getKey().ruleId());
                    if (rule != null && entry.getValue().firing()) {
                        Step step = AlertLifecycle.remind(entry.getValue(), rule, now);
                        if (step.change() != null) {
                            steps.add(new Evaluated(rule, client.clientId, client.source, entry.getKey().series(),
                                    entry.getValue(), step, now));
                        }
                    }
                }
                guarded(client, () -> announce(commit(client, steps), passes));
            }
        }
        return passes;
    }

    /** The outcome of an acknowledgement. */
    public enum Acknowledgement {
        ACKNOWLEDGED,
        ALREADY_ACKNOWLEDGED,
        NOT_FIRING
    }

    /** Acknowledges a firing alert of a client: no reminders until its level changes. */
    public Acknowledgement acknowledge(long clientId, long alertId, String by) {
        ensureStarted();
        ClientAlerts client = clients.get(clientId);
        if (client == null) {
            return Acknowledgement.NOT_FIRING;
        }
        synchronized (client) {
            for (Map.Entry<ClientAlerts.Key, SeriesState> entry : client.states.entrySet()) {
                SeriesState state = entry.getValue();
                if (state.firing() && state.alertId() != null && state.alertId() == alertId) {
                    if (state.acknowledged()) {
                        return Acknowledgement.ALREADY_ACKNOWLEDGED;
                    }
                    ActiveRule rule = index.byId().get(entry.getKey().ruleId());
                    if (rule == null) {
                        return Acknowledgement.NOT_FIRING;
                    }
                    Instant now = clock.instant();
                    commit(client, List.of(new Evaluated(rule, clientId, client.source, entry.getKey().series(), state,
                            AlertLifecycle.acknowledge(state, by, now), now)));
                    return Acknowledgement.ACKNOWLEDGED;
                }
            }
            return Acknowledgement.NOT_FIRING;
        }
    }

    /**
     * A rule was created or changed: it applies from the next sample on. Alerts of series it no
     * longer watches (disabled, or metric, labels or source changed) are retired; the others stay
     * and the next sample judges them by the new thresholds.
     */
    public void ruleSaved(ActiveRule rule) {
        ensureStarted();
        synchronized (this) {
            Map<Long, ActiveRule> all = new HashMap<>(index.byId());
            all.put(rule.id(), rule);
            index = RuleIndex.of(all.values());
        }
        retire(rule.id(), key -> rule.selects(key.clientId, key.series.metric(), key.series.labels())
                ? null : rule.enabled() ? "its rule no longer watches this series" : "its rule was disabled", false);
    }

    /**
     * A rule is being deleted: its open alerts are retired and its states forgotten. Called
     * before the rule's row is deleted, so that no evaluation writes an alert of a rule that
     * is gone.
     */
    public void ruleRemoved(long ruleId) {
        ensureStarted();
        synchronized (this) {
            Map<Long, ActiveRule> all = new HashMap<>(index.byId());
            ActiveRule removed = all.remove(ruleId);
            if (removed == null) {
                return;
            }
            index = RuleIndex.of(all.values());
            retiring.put(ruleId, removed);
        }
        try {
            retire(ruleId, key -> "its rule was deleted", true);
        } finally {
            retiring.remove(ruleId);
        }
    }

    private record Target(long clientId, SeriesKey series) {
    }

    private void retire(long ruleId, java.util.function.Function<Target, String> reasonFor, boolean forget) {
        Instant now = clock.instant();
        for (ClientAlerts client : clients.values()) {
            synchronized (client) {
                List<Evaluated> steps = new ArrayList<>();
                List<ClientAlerts.Key> dropped = new ArrayList<>();
                for (Map.Entry<ClientAlerts.Key, SeriesState> entry : client.states.entrySet()) {
                    if (entry.getKey().ruleId() != ruleId) {
                        continue;
                    }
                    String reason = reasonFor.apply(new Target(client.clientId, entry.getKey().series()));
                    if (reason == null) {
                        continue;
                    }
                    ActiveRule rule = index.byId().getOrDefault(ruleId, retiring.get(ruleId));
                    Step step = AlertLifecycle.retire(entry.getValue(), reason, now);
                    if (step.writes()) {
                        steps.add(new Evaluated(rule, client.clientId, client.source, entry.getKey().series(),
                                entry.getValue(), step, now));
                    }
                    if (forget) {
                        dropped.add(entry.getKey());
                    }
                }
                guarded(client, () -> announce(commit(client, steps), null));
                dropped.forEach(client.states::remove);
            }
        }
    }

    /**
     * Runs one client's part of a pass over all clients: a failure (the client was deleted
     * meanwhile, the database is away) costs that client this pass, not the others theirs.
     */
    private static void guarded(ClientAlerts client, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Alert changes of " + client.source + " could not be recorded; the next pass tries again", e);
        }
    }

    /** A client was removed with its alerts and the rules scoped to it (the database cascades): forget them. */
    public void forget(long clientId) {
        clients.remove(clientId);
        synchronized (this) {
            if (index != null) {
                index = RuleIndex.of(index.byId().values().stream()
                        .filter(rule -> rule.sourceClientId() == null || rule.sourceClientId() != clientId).toList());
            }
        }
    }

    /**
     * Writes the steps that change rows (in one transaction), then applies every step's state to
     * memory: a failed write leaves the previous states, so the next sample tries again.
     */
    private Pass commit(ClientAlerts client, List<Evaluated> steps) {
        List<Evaluated> writes = new ArrayList<>();
        for (Evaluated step : steps) {
            if (step.step().writes() || step.step().change() != null) {
                writes.add(step);
            } else {
                client.states.put(new ClientAlerts.Key(step.rule().id(), step.series()), step.step().after());
            }
        }
        if (writes.isEmpty()) {
            return new Pass(client.clientId, client.source, List.of());
        }
        List<Recorded> recorded = recorder.record(writes);
        List<AlertChanged> changes = new ArrayList<>();
        for (Recorded r : recorded) {
            client.states.put(new ClientAlerts.Key(r.evaluated().rule().id(), r.evaluated().series()), r.stored());
            if (r.change() != null) {
                changes.add(r.change());
            }
        }
        return new Pass(client.clientId, client.source, changes);
    }

    /** Announces a pass that changed alerts outside a snapshot (timer, rule change, start). */
    private void announce(Pass pass, List<Pass> into) {
        if (pass.changes().isEmpty()) {
            return;
        }
        evaluated.fireAsync(new AlertsEvaluated(pass.clientId(), pass.source(), clock.instant(), null, pass.changes()));
        if (into != null) {
            into.add(pass);
        }
    }

    /** The client's holder, created on first sight with what the database knows of it; null if it is gone. */
    private ClientAlerts clientFor(long clientId, String source) {
        ClientAlerts known = clients.get(clientId);
        if (known != null) {
            return known;
        }
        try (Connection connection = dataSource.getConnection()) {
            AlertStore.ClientFacts facts = store.client(connection, clientId);
            if (facts == null) {
                return null;
            }
            ClientAlerts client = new ClientAlerts(clientId, source != null ? source : facts.name(), facts.kind(),
                    facts.lastSampleAt());
            if (client.cadence != null) {
                List<Instant> times = new ArrayList<>(store.recentSnapshotTimes(connection, clientId, AgentCadence.KEPT));
                java.util.Collections.reverse(times);
                Instant heard = facts.lastSeen() != null ? facts.lastSeen() : facts.lastSampleAt();
                for (Instant time : times) {
                    client.cadence.record(time, heard != null ? heard : time);
                }
            }
            ClientAlerts raced = clients.putIfAbsent(clientId, client);
            return raced != null ? raced : client;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading client " + clientId + " failed: " + e.getMessage(), e);
        }
    }

    /** Meets every agent once, so that one silent since before a restart is noticed too. */
    private void loadAgents() {
        if (agentsLoaded) {
            return;
        }
        List<Long> agents;
        try (Connection connection = dataSource.getConnection()) {
            agents = store.agentClients(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("Listing agents failed: " + e.getMessage(), e);
        }
        agents.forEach(id -> clientFor(id, null));
        agentsLoaded = true;
    }
}
