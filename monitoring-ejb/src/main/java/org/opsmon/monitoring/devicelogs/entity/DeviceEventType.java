package org.opsmon.monitoring.devicelogs.entity;

import java.util.Locale;

/** The kinds of device event, by where they come from. */
public enum DeviceEventType {
    /** Recorded by the poller: the device went online or offline, an interface up or down. */
    STATUS,
    /** An SNMP trap or inform the device sent. */
    TRAP,
    /** A syslog message the device sent. */
    SYSLOG;

    /** The name in the database and on the wire: {@code status}, {@code trap}, {@code syslog}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type of a wire name, null when there is none of that name. */
    public static DeviceEventType ofWireName(String name) {
        for (DeviceEventType type : values()) {
            if (type.wireName().equals(name)) {
                return type;
            }
        }
        return null;
    }
}
