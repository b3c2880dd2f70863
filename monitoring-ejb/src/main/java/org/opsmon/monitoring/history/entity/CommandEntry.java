package org.opsmon.monitoring.history.entity;

import java.time.Instant;

/** A stored command run, as the history API returns it. */
public record CommandEntry(String user, String command, Instant startedAt, Long pid, String source) {
}
