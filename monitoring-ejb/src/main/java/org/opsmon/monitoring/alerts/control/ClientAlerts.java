package org.opsmon.monitoring.alerts.control;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.opsmon.monitoring.alerts.entity.SeriesState;
import org.opsmon.monitoring.clients.entity.ClientKind;
import org.opsmon.monitoring.ingest.entity.SeriesKey;

/**
 * What the evaluator keeps of one client: the state of each of its series under each rule, and
 * for agents their cadence. Its monitor is the client's evaluation lock: snapshots, timer checks,
 * acknowledgements and rule changes of one client take turns, so concurrent events cannot race a
 * series' state, while different clients are evaluated in parallel.
 */
final class ClientAlerts {

    /** One series under one rule. */
    record Key(long ruleId, SeriesKey series) {
    }

    final long clientId;
    final ClientKind kind;
    /** The newest sample time the client had stored when the evaluator met it; null if none. */
    final Instant storedUpTo;
    /** Only for agents: whose silence the "agent silent" rule watches. */
    final AgentCadence cadence;
    final Map<Key, SeriesState> states = new HashMap<>();
    String source;

    ClientAlerts(long clientId, String source, ClientKind kind, Instant storedUpTo) {
        this.clientId = clientId;
        this.source = source;
        this.kind = kind;
        this.storedUpTo = storedUpTo;
        this.cadence = kind == ClientKind.AGENT ? new AgentCadence() : null;
    }

    /** The state of a series, or a fresh one for a series met for the first time. */
    SeriesState state(Key key, boolean synthetic) {
        SeriesState state = states.get(key);
        return state != null ? state : SeriesState.fresh(synthetic ? null : storedUpTo);
    }
}
