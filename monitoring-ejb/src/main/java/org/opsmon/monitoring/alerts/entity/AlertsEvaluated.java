package org.opsmon.monitoring.alerts.entity;

import java.time.Instant;
import java.util.List;
import org.opsmon.monitoring.ingest.entity.SamplesIngested;

/**
 * Fired asynchronously ({@code fireAsync}) after each evaluation pass has committed: once for
 * every ingested snapshot (with that snapshot, even when no alert changed) and once for every
 * timer-driven check that changed alerts (a silent agent, a reminder; then {@code snapshot} is
 * null). Live push observes this rather than {@link SamplesIngested} so that a snapshot and the
 * alerts it caused reach browsers in one frame.
 *
 * @param snapshot the snapshot evaluated, or null for a timer-driven pass
 * @param changes  the alert changes of this pass, in order; empty when none
 */
public record AlertsEvaluated(long clientId, String source, Instant time, SamplesIngested snapshot,
        List<AlertChanged> changes) {

    public AlertsEvaluated {
        changes = List.copyOf(changes);
    }
}
