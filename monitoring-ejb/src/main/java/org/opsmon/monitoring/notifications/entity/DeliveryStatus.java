package org.opsmon.monitoring.notifications.entity;

import java.util.Locale;
import org.opsmon.monitoring.platform.entity.RequestProblem;

/**
 * Where a notification stands: {@code PENDING} until a sender delivered it ({@code SENT}) or
 * gave up after the last allowed attempt ({@code FAILED}). A pending row that was tried and
 * failed stays pending with its next attempt's time.
 */
public enum DeliveryStatus {
    PENDING,
    SENT,
    FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeliveryStatus of(String name) {
        for (DeliveryStatus status : values()) {
            if (status.wireName().equals(name)) {
                return status;
            }
        }
        throw RequestProblem.badRequest("invalid_status", "status must be pending, sent or failed");
    }
}
