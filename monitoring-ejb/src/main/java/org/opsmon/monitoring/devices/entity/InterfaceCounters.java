package org.opsmon.monitoring.devices.entity;

import org.opsmon.monitoring.ingest.entity.CounterWidth;

/**
 * One interface's row of a poll. Octet and unicast packet counters come from the 64-bit ifXTable
 * (ifHC*) where the device has them, else from the 32-bit ifTable, and say which ({@code width});
 * errors and discards exist only as 32-bit counters. A counter the device did not answer is null.
 * {@code discontinuity} is ifCounterDiscontinuityTime (centiseconds of sysUpTime), null if absent.
 */
public record InterfaceCounters(int index, String adminStatus, String operStatus, Double inOctets, Double outOctets,
                                Double inUnicast, Double outUnicast, CounterWidth width, Double inErrors,
                                Double outErrors, Double inDiscards, Double outDiscards, Long discontinuity) {

    /** How many counters the device answered for this interface: what a poll's throughput is counted in. */
    public int counterCount() {
        int count = 0;
        for (Double counter : new Double[] {inOctets, outOctets, inUnicast, outUnicast, inErrors, outErrors, inDiscards,
            outDiscards}) {
            if (counter != null) {
                count++;
            }
        }
        return count;
    }
}
