package org.opsmon.monitoring.devices.entity;

import java.time.Instant;
import java.util.List;

/** What one poll of a device read: when, the device's sysUpTime (centiseconds) and every interface's counters. */
public record PollReading(Instant at, long uptimeCentis, List<InterfaceCounters> interfaces) {

    public PollReading {
        interfaces = List.copyOf(interfaces);
    }

    /** When the device's SNMP agent last started, in seconds since the epoch, derived from sysUpTime. */
    public long bootTimeSeconds() {
        return at.getEpochSecond() - uptimeCentis / 100;
    }

    /** Interface counters read by this poll, all interfaces together. */
    public int counterCount() {
        return interfaces.stream().mapToInt(InterfaceCounters::counterCount).sum();
    }
}
