package org.opsmon.monitoring.linkprobe.boundary;

/** What an upload probe measured: bytes received, the seconds they took and the rate in bits per second. */
public record ProbeResult(long bytes, double seconds, long bps) {
}
