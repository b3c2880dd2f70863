package org.opsmon.monitoring.devices.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.opsmon.monitoring.devices.entity.PollSummary;
import org.opsmon.monitoring.platform.entity.RequestProblem;

/**
 * The SNMP poller at work: whether it keeps up (polls started and deferred since start, polls
 * running), and over a recent window what the polls found and how long they took. This is what
 * sizing needs: counters read per minute and the poll duration tail, from the poller itself.
 */
@Path("monitor/polling")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "monitor")
public class PollingStatusResource {

    /** A day: the ledger of recent polls holds less than that at any useful poll rate. */
    static final long MAX_WINDOW_S = 86_400;
    static final long DEFAULT_WINDOW_S = 60;

    /** Totals since start, then the polls that ended within the window (durations in ms, nearest rank). */
    @Schema(description = "SNMP polling: totals since start and the polls that ended within the last window_s seconds")
    public record PollingStatus(long pollsStarted, long deferred, int running, long windowS, long polls, long answered,
                                Map<String, Long> failures, long counters, double p50Ms, double p99Ms, double maxMs,
                                boolean complete) {

        static PollingStatus of(long pollsStarted, long deferred, int running, PollSummary window) {
            return new PollingStatus(pollsStarted, deferred, running, window.windowSeconds(), window.polls(),
                    window.answered(), window.failures(), window.counters(), window.p50Millis(), window.p99Millis(),
                    window.maxMillis(), window.complete());
        }
    }

    @Inject
    DevicePoller poller;

    @GET
    @RolesAllowed({"admin", "viewer"})
    @Operation(summary = "SNMP polling: polls started and deferred since start, polls running, and over the last "
            + "window_s seconds (default 60, 1-86400) polls ended, answered, failures by reason, interface counters "
            + "read and stored, poll duration p_50_ms/p_99_ms/max_ms")
    public PollingStatus status(@QueryParam("window_s") String windowS) {
        long window = DEFAULT_WINDOW_S;
        if (windowS != null) {
            try {
                window = Long.parseLong(windowS.trim());
            } catch (NumberFormatException e) {
                window = -1;
            }
            if (window < 1 || window > MAX_WINDOW_S) {
                throw RequestProblem.badRequest("invalid_window", "window_s must be a whole number of seconds from 1 to "
                        + MAX_WINDOW_S);
            }
        }
        return PollingStatus.of(poller.polls(), poller.deferred(), poller.running(), poller.summary(window));
    }
}
