package org.opsmon.monitoring.ingest.entity;

/**
 * How many series a client has, and how many new ones its limits dropped since the server
 * started: what admins watch to see a misbehaving source or a limit set too low.
 */
public record SeriesUsage(long series, long dropped) {
}
