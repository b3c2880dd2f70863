package org.opsmon.monitoring.selfmonitor.entity;

import java.util.Map;

/** Memory of the server's host in bytes; {@code details} holds what the OS adds (active, cached, ...). */
public record MemoryState(long total, long available, long used, long free, double percent,
                          long swapTotal, long swapUsed, Map<String, Long> details) {
}
