package org.opsmon.monitoring.devicelogs.entity;

import java.util.List;

/** A trap in SNMPv2 form whatever version it came in: its OID, its other variable bindings, a severity and a summary. */
public record ConvertedTrap(String trapOid, List<TrapVariable> variables, EventSeverity severity, String message) {

    public ConvertedTrap {
        variables = List.copyOf(variables);
    }
}
