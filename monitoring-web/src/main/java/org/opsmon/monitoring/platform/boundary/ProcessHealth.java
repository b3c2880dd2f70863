package org.opsmon.monitoring.platform.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.opsmon.monitoring.selfmonitor.control.ProcessProbe;
import org.opsmon.monitoring.selfmonitor.control.ProcessWatch;
import org.opsmon.monitoring.selfmonitor.entity.ProcessState;
import org.opsmon.monitoring.selfmonitor.entity.ProcessWarning;

/**
 * The server's own process on /health: the number of warnings and one entry per warning, named
 * by its code, saying what was seen. Warnings keep the check UP, so /health stays 200 and no
 * orchestrator restarts a working server for them; only a critical one (heap after GC almost at
 * its maximum) turns it DOWN, which takes the server out of rotation before it fails requests.
 */
@Readiness
@ApplicationScoped
public class ProcessHealth implements HealthCheck {

    @Inject
    ProcessProbe probe;

    @Inject
    ProcessWatch watch;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("process");
        ProcessState state;
        List<ProcessWarning> warnings;
        try {
            state = probe.read();
            warnings = watch.warnings(state);
        } catch (RuntimeException e) {
            // The process figures are advice: failing to read them must not take the server out.
            return response.up().withData("warnings", 0).withData("error", e.getClass().getSimpleName()).build();
        }
        response.status(warnings.stream().noneMatch(ProcessWarning::critical)).withData("warnings", warnings.size());
        Double heapPercent = state.heapAfterGcPercent();
        if (heapPercent != null) {
            response.withData("heap_after_gc_percent", String.valueOf(Math.round(heapPercent * 10) / 10.0));
        }
        response.withData("threads", state.threads());
        if (state.openFiles() != null) {
            response.withData("open_files", state.openFiles());
        }
        warnings.forEach(warning -> response.withData(warning.code(), warning.message()));
        return response.build();
    }
}
