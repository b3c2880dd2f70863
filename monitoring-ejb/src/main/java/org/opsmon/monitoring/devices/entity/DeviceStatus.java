package org.opsmon.monitoring.devices.entity;

import java.util.Locale;

/** Whether the last poll of a device got an answer; {@code UNKNOWN} until the first poll ends. */
public enum DeviceStatus {
    UNKNOWN, ONLINE, OFFLINE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static DeviceStatus of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
