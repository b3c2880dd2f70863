package org.opsmon.monitoring.history.entity;

import java.time.Instant;

/** The newest snapshot of a client, as it was sent. */
public record LatestSnapshot(Instant time, Instant lastSeen, String json) {
}
