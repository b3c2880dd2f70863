package org.opsmon.monitoring.clients.entity;

import java.util.Locale;

/** Where a client's samples come from. */
public enum ClientKind {
    /** A host running the monitoring agent. */
    AGENT,
    /** The monitoring server sampling itself. */
    SELF,
    /** A network device polled over SNMP. */
    DEVICE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
