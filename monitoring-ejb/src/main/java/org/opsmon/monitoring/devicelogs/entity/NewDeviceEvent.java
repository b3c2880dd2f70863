package org.opsmon.monitoring.devicelogs.entity;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.opsmon.monitoring.platform.entity.ColumnSizes;
import org.opsmon.monitoring.platform.entity.TextRule;

/**
 * A device event about to be recorded. Built with the factory of its kind; every text is made
 * to fit the text rule and its column here, so whatever a device sent can be written.
 *
 * @param clientId      the device (its client id)
 * @param receivedAt    when the server received (or, for status, observed) it
 * @param reportedAt    the device's own timestamp, when the message carried one
 * @param facility      the syslog facility (0–23), null for other kinds
 * @param sourceAddress the sender's IP address as text, null for status events
 * @param variables     a trap's variable bindings, empty for other kinds
 */
public record NewDeviceEvent(long clientId, DeviceEventType type, Instant receivedAt, Instant reportedAt,
        EventSeverity severity, Integer facility, String sourceAddress, String hostname, String appName,
        String trapOid, List<TrapVariable> variables, String message) {

    public NewDeviceEvent {
        Objects.requireNonNull(type);
        Objects.requireNonNull(receivedAt);
        Objects.requireNonNull(severity);
        if (facility != null && (facility < 0 || facility > 23)) {
            throw new IllegalArgumentException("A syslog facility is 0 to 23, not " + facility);
        }
        sourceAddress = DeviceText.clean(sourceAddress, ColumnSizes.DEVICE_EVENT_SOURCE);
        hostname = DeviceText.clean(hostname, ColumnSizes.DEVICE_EVENT_HOSTNAME);
        appName = DeviceText.clean(appName, ColumnSizes.DEVICE_EVENT_APP_NAME);
        trapOid = DeviceText.clean(trapOid, ColumnSizes.DEVICE_EVENT_TRAP_OID);
        variables = variables == null ? List.of() : variables.stream()
                .map(v -> new TrapVariable(DeviceText.clean(v.oid(), ColumnSizes.DEVICE_EVENT_TRAP_OID),
                        DeviceText.clean(v.type(), TextRule.MAX_LABEL), DeviceText.clean(v.value(), TextRule.MAX_TEXT)))
                .toList();
        message = DeviceText.clean(message == null ? "" : message, ColumnSizes.DEVICE_EVENT_MESSAGE);
    }

    /**
     * A status change the poller observed: the device went offline or came back, an interface
     * went down or up. Suggested severities: a device unreachable {@code CRITICAL}, an interface
     * down {@code ERROR}, back up or online {@code NOTICE}.
     */
    public static NewDeviceEvent status(long clientId, Instant observedAt, EventSeverity severity, String message) {
        return new NewDeviceEvent(clientId, DeviceEventType.STATUS, observedAt, null, severity, null, null, null, null,
                null, List.of(), message);
    }

    /** A trap or inform, its OID in SNMPv2 form (v1 traps already converted, RFC 3584). */
    public static NewDeviceEvent trap(long clientId, Instant receivedAt, String sourceAddress, EventSeverity severity,
            String trapOid, List<TrapVariable> variables, String message) {
        return new NewDeviceEvent(clientId, DeviceEventType.TRAP, receivedAt, null, severity, null, sourceAddress, null,
                null, Objects.requireNonNull(trapOid), variables, message);
    }

    /** A syslog message. */
    public static NewDeviceEvent syslog(long clientId, Instant receivedAt, String sourceAddress, Instant reportedAt,
            EventSeverity severity, int facility, String hostname, String appName, String message) {
        return new NewDeviceEvent(clientId, DeviceEventType.SYSLOG, receivedAt, reportedAt, severity, facility,
                sourceAddress, hostname, appName, null, List.of(), message);
    }
}
