package org.opsmon.monitoring.selfmonitor.entity;

/**
 * Something about the server process an operator should look at, e.g. {@code rss_growth}.
 *
 * @param critical true when the process is about to fail (heap after GC almost at its maximum):
 *                 the readiness check goes DOWN for it
 */
public record ProcessWarning(String code, String message, boolean critical) {
}
