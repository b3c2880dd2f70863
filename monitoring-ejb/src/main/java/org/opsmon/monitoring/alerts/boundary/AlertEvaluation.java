package org.opsmon.monitoring.alerts.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.opsmon.monitoring.alerts.control.AlertEvaluator;
import org.opsmon.monitoring.clients.entity.ClientRemoved;
import org.opsmon.monitoring.ingest.entity.SamplesIngested;

/**
 * Where alerting attaches to ingestion: every stored snapshot, from any source, is evaluated on
 * the event's own thread, after the ingest transaction committed, so evaluation never slows an
 * ingest request down and a failure here fails no request.
 */
@ApplicationScoped
public class AlertEvaluation {

    @Inject
    AlertEvaluator evaluator;

    void evaluate(@ObservesAsync SamplesIngested snapshot) {
        evaluator.evaluate(snapshot);
    }

    void forget(@Observes(during = TransactionPhase.AFTER_SUCCESS) ClientRemoved removed) {
        evaluator.forget(removed.clientId());
    }
}
