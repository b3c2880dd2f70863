package org.opsmon.monitoring.devicelogs.entity;

import java.util.Objects;

/**
 * A device event was recorded: fired asynchronously ({@code fireAsync}) once the transaction
 * that wrote it committed, so live push never shows an event that a rollback took back and never
 * slows a receiver or the poller down. Observe with {@code @ObservesAsync DeviceEventRecorded}.
 *
 * @param id     the stored event's id
 * @param device the device's name (its client's name), the source live subscriptions select
 */
public record DeviceEventRecorded(long id, String device, NewDeviceEvent event) {

    public DeviceEventRecorded {
        Objects.requireNonNull(device);
        Objects.requireNonNull(event);
    }
}
