package org.opsmon.monitoring.devicelogs.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.opsmon.monitoring.devicelogs.entity.EventSeverity;
import org.opsmon.monitoring.devicelogs.entity.NewDeviceEvent;
import org.opsmon.monitoring.devices.entity.DeviceChange;

/**
 * Puts what the poller noticed (a device going offline or online, an interface going down or up)
 * into the device's event log beside its traps and syslog. It observes {@link DeviceChange} inside
 * the poll's transaction, so the event is stored exactly when the status it describes is.
 */
@ApplicationScoped
public class DeviceStatusEvents {

    @Inject
    DeviceEvents events;

    void record(@Observes DeviceChange change) {
        events.record(NewDeviceEvent.status(change.deviceId(), change.at(), severity(change), change.message()));
    }

    /** An unreachable device is critical, a link down an error, anything coming back a notice. */
    static EventSeverity severity(DeviceChange change) {
        return switch (change.state()) {
            case "offline" -> EventSeverity.CRITICAL;
            case "down" -> EventSeverity.ERROR;
            default -> EventSeverity.NOTICE;
        };
    }
}
