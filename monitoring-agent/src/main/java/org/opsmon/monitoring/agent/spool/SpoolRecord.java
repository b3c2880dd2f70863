package org.opsmon.monitoring.agent.spool;

/** One spooled snapshot: its id is the snapshot's {@code seq}, so a server ack names it directly. */
public record SpoolRecord(long id, byte[] payload) {
}
