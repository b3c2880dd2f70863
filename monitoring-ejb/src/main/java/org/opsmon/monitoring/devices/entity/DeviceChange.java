package org.opsmon.monitoring.devices.entity;

import java.time.Instant;
import java.util.Objects;

/**
 * Something a poll noticed about a device that belongs in its event log: the device went online
 * or offline ({@code interfaceName} null), or an interface went up or down. Fired synchronously
 * inside the poll's transaction, so a writer of device events observing it with plain
 * {@code @Observes} stores the event with the status it describes, or not at all.
 *
 * @param state "online"/"offline" for the device, "up"/"down" for an interface
 * @param reason why, e.g. the poll's error; may be null
 */
public record DeviceChange(long deviceId, String deviceName, Instant at, Integer ifIndex, String interfaceName,
                           String state, String reason) {

    public DeviceChange {
        Objects.requireNonNull(deviceName);
        Objects.requireNonNull(at);
        Objects.requireNonNull(state);
    }

    public static DeviceChange status(long deviceId, String deviceName, Instant at, DeviceStatus status, String reason) {
        return new DeviceChange(deviceId, deviceName, at, null, null, status.code(), reason);
    }

    public static DeviceChange link(long deviceId, String deviceName, Instant at, int ifIndex, String interfaceName,
                                    boolean up) {
        return new DeviceChange(deviceId, deviceName, at, ifIndex, interfaceName, up ? "up" : "down", null);
    }

    public boolean ofInterface() {
        return ifIndex != null;
    }

    /** One sentence for the event log. */
    public String message() {
        if (ofInterface()) {
            return "Interface " + interfaceName + " (ifIndex " + ifIndex + ") of " + deviceName + " is " + state;
        }
        return "Device " + deviceName + " is " + state + (reason == null ? "" : ": " + reason);
    }
}
