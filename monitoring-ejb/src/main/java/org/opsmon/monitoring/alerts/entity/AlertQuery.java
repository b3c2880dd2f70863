package org.opsmon.monitoring.alerts.entity;

import java.time.Instant;

/**
 * What {@code GET /api/alerts} asks for; every part optional.
 *
 * @param from  alerts still open at or after this time (or resolved after it)
 * @param to    alerts that began (pending or firing) at or before this time
 * @param limit how many, newest first
 */
public record AlertQuery(AlertState state, Long clientId, AlertLevel level, Instant from, Instant to, int limit) {
}
