package org.opsmon.monitoring.selfmonitor.entity;

/** The filesystem holding the server's data, in bytes. */
public record StorageState(String path, long total, long used, long free, double percent) {
}
