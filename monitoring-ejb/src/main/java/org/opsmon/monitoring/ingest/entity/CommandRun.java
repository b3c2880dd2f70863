package org.opsmon.monitoring.ingest.entity;

import java.time.Instant;

/**
 * A command a user ran on a watched host, seen as a new process or a new shell history line
 * ({@code origin} is {@link #PROCESS} or {@link #HISTORY}).
 */
public record CommandRun(String user, String command, Instant startedAt, Long pid, String origin) {

    public static final String PROCESS = "process";
    public static final String HISTORY = "history";
}
