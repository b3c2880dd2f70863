package org.opsmon.monitoring.ingest.entity;

/**
 * How far a counter counts before it wraps to zero: 32 bits for SNMP Counter32, 64 bits for
 * everything else (agent counters, SNMP Counter64). Only a 32-bit counter wraps in practice.
 */
public enum CounterWidth {
    BITS_32(4294967296.0), BITS_64(18446744073709551616.0);

    private final double modulus;

    CounterWidth(double modulus) {
        this.modulus = modulus;
    }

    /** The value at which the counter starts again from zero (2^bits). */
    public double modulus() {
        return modulus;
    }
}
