package org.opsmon.monitoring.live.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import org.opsmon.monitoring.alerts.entity.AlertsEvaluated;
import org.opsmon.monitoring.devicelogs.entity.DeviceEventRecorded;
import org.opsmon.monitoring.live.control.LiveClients;
import org.opsmon.monitoring.live.control.LiveFrames;

/**
 * Pushes each evaluation pass to the live sessions that receive its source: the snapshot and
 * the alerts it changed in one frame. It observes the evaluator's event rather than ingestion's
 * so that a chart and its alert arrive together; being asynchronous, it slows neither ingestion
 * nor evaluation, and a failure here fails neither. Device events (status changes, traps,
 * syslog) go out the same way, as frames of their own type to those who receive the device.
 */
@ApplicationScoped
public class LiveBroadcaster {

    @Inject
    LiveClients clients;

    void push(@ObservesAsync AlertsEvaluated evaluated) {
        clients.broadcast(evaluated.source(), () -> LiveFrames.monitoringData(evaluated));
    }

    void push(@ObservesAsync DeviceEventRecorded recorded) {
        clients.broadcast(recorded.device(), () -> LiveFrames.deviceEvent(recorded));
    }
}
