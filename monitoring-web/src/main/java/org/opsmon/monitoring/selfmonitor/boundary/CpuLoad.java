package org.opsmon.monitoring.selfmonitor.boundary;

/** CPU usage of the server host in percent. */
public record CpuLoad(double load) {
}
