package org.opsmon.monitoring.devicelogs.entity;

import java.time.Instant;

/**
 * What the events listing asks for: one device's events, optionally of one type, at least as
 * severe as {@code minSeverity}, received within [from, to], at most {@code limit}, newest first.
 */
public record DeviceEventQuery(long clientId, DeviceEventType type, EventSeverity minSeverity, Instant from,
        Instant to, int limit) {

    public DeviceEventQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
    }
}
