package org.opsmon.monitoring.devicelogs.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the receivers did since the server started, one counter per outcome, so an operator can
 * see that data is being dropped and why (GET /api/monitor/device-logs). Counters only grow.
 */
@ApplicationScoped
public class DeviceLogCounters {

    /** Each way a message ends. The wire names are the lower-case names. */
    public enum Outcome {
        SYSLOG_RECEIVED, SYSLOG_STORED, SYSLOG_MALFORMED, SYSLOG_UNKNOWN_SENDER, SYSLOG_TOO_LARGE, SYSLOG_RATE_LIMITED,
        SYSLOG_CONNECTIONS_REFUSED, SYSLOG_CONNECTIONS_IDLE_CLOSED, SYSLOG_FRAMING_ERRORS,
        TRAPS_RECEIVED, TRAPS_STORED, TRAPS_MALFORMED, TRAPS_UNKNOWN_SENDER, TRAPS_RATE_LIMITED,
        TRAPS_V3_UNKNOWN_USER, TRAPS_V3_AUTHENTICATION_FAILED, TRAPS_V3_DECRYPTION_FAILED,
        TRAPS_V3_UNSUPPORTED_SECURITY_LEVEL, TRAPS_V3_NOT_IN_TIME_WINDOW,
        QUEUE_FULL, WRITE_FAILED
    }

    private final Map<Outcome, AtomicLong> counts = new EnumMap<>(Outcome.class);

    public DeviceLogCounters() {
        for (Outcome outcome : Outcome.values()) {
            counts.put(outcome, new AtomicLong());
        }
    }

    public void add(Outcome outcome) {
        counts.get(outcome).incrementAndGet();
    }

    public void add(Outcome outcome, long n) {
        counts.get(outcome).addAndGet(n);
    }

    public long get(Outcome outcome) {
        return counts.get(outcome).get();
    }

    /** Every counter, in declaration order. */
    public Map<Outcome, Long> snapshot() {
        Map<Outcome, Long> copy = new EnumMap<>(Outcome.class);
        counts.forEach((outcome, count) -> copy.put(outcome, count.get()));
        return Collections.unmodifiableMap(copy);
    }
}
