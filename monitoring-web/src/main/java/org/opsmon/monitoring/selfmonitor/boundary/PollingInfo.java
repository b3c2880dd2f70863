package org.opsmon.monitoring.selfmonitor.boundary;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.opsmon.monitoring.devices.entity.PollSummary;

/**
 * The SNMP poller at work: totals since the server started, and the polls that ended within the
 * asked window with their outcomes, the interface counters they read and stored, and how long a
 * poll took (start to samples stored, milliseconds, nearest rank).
 */
@Schema(description = "SNMP polling: totals since start and the polls that ended within the last window_s seconds")
public record PollingInfo(long pollsStarted, long deferred, int running, long windowS, long polls, long answered,
                          Map<String, Long> failures, long counters, double p50Ms, double p99Ms, double maxMs,
                          boolean complete) {

    static PollingInfo of(long pollsStarted, long deferred, int running, PollSummary window) {
        return new PollingInfo(pollsStarted, deferred, running, window.windowSeconds(), window.polls(), window.answered(),
                window.failures(), window.counters(), window.p50Millis(), window.p99Millis(), window.maxMillis(),
                window.complete());
    }
}
