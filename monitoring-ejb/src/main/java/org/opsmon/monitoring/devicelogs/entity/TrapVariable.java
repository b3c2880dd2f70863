package org.opsmon.monitoring.devicelogs.entity;

import java.util.Objects;

/**
 * One variable binding of a trap as stored: the OID in dotted form, the SMI type as SNMP names
 * it ({@code OCTET STRING}, {@code Counter32}, {@code OID}…) and the value as text (printable
 * strings as they are, other octet strings in hex).
 */
public record TrapVariable(String oid, String type, String value) {

    public TrapVariable {
        Objects.requireNonNull(oid);
        Objects.requireNonNull(type);
        Objects.requireNonNull(value);
    }
}
