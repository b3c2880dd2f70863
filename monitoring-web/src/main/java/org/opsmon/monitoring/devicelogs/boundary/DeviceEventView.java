package org.opsmon.monitoring.devicelogs.boundary;

import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.opsmon.monitoring.devicelogs.entity.DeviceEvent;
import org.opsmon.monitoring.devicelogs.entity.TrapVariable;

/**
 * A device event as the API shows it. {@code time} is when the server received it;
 * {@code reported_at} the device's own timestamp where the message had one. Fields that do not
 * apply to the event's type are null (variables: empty).
 */
@Schema(description = "A device event: a status change, an SNMP trap or a syslog message")
public record DeviceEventView(long id, long deviceId, String type, String time, String reportedAt, int severity,
                              String severityName, Integer facility, String sourceAddress, String hostname,
                              String appName, String trapOid, List<TrapBinding> variables, String message) {

    /** One variable binding of a trap. */
    @Schema(description = "A trap's variable binding")
    public record TrapBinding(String oid, String type, String value) {
    }

    static DeviceEventView of(DeviceEvent e) {
        List<TrapBinding> bindings = e.variables().stream()
                .map((TrapVariable v) -> new TrapBinding(v.oid(), v.type(), v.value())).toList();
        return new DeviceEventView(e.id(), e.clientId(), e.type().wireName(), time(e.receivedAt()),
                time(e.reportedAt()), e.severity().code(), e.severity().name().toLowerCase(java.util.Locale.ROOT),
                e.facility(), e.sourceAddress(), e.hostname(), e.appName(), e.trapOid(), bindings, e.message());
    }

    private static String time(OffsetDateTime time) {
        return time == null ? null : time.toInstant().toString();
    }
}
