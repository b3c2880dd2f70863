package org.opsmon.monitoring.devices.entity;

import java.util.Objects;

/**
 * Everything one SNMP request to a device needs: where (address as entered, UDP port), as whom
 * (credentials), and how patiently (timeout per try, retries after the first try).
 */
public record SnmpEndpoint(String address, int port, SnmpCredentials credentials, long timeoutMillis, int retries) {

    public SnmpEndpoint {
        Objects.requireNonNull(address);
        Objects.requireNonNull(credentials);
    }

    /** The longest a single request may take: every try times out. */
    public long worstCaseMillis() {
        return timeoutMillis * (retries + 1L);
    }

    @Override
    public String toString() {
        return address + ":" + port + " " + credentials;
    }
}
