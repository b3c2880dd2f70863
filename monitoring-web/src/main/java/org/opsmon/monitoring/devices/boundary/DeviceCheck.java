package org.opsmon.monitoring.devices.boundary;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.opsmon.monitoring.devices.entity.DeviceFindings;
import org.opsmon.monitoring.devices.entity.SnmpFailure;

/**
 * What a "test connection" or a rediscovery found: {@code ok} with the system facts and the
 * interfaces, or the precise reason it failed (timeout, unknown_user, authentication_failure,
 * decryption_error, unsupported_security_level, not_authorized, unknown_host, snmp_error).
 */
@Schema(description = "Outcome of talking to a device: ok, or reason and message; on success the system facts and "
        + "interfaces found")
public record DeviceCheck(boolean ok, String reason, String message, long elapsedMs, DeviceView.DeviceSystem system,
        List<DeviceView.DeviceInterfaceView> interfaces) {

    static DeviceCheck found(DeviceFindings findings, long elapsedMs) {
        var s = findings.system();
        return new DeviceCheck(true, null, null, elapsedMs, new DeviceView.DeviceSystem(s.name(), s.description(),
                s.objectId(), s.uptimeSeconds(), s.location(), s.contact()), findings.interfaces().stream()
                .map(i -> new DeviceView.DeviceInterfaceView(i.index(), i.name(), i.description(), i.alias(), i.type(),
                        i.adminStatus(), i.operStatus(), i.speedBps(), null, null)).toList());
    }

    static DeviceCheck failed(SnmpFailure failure, long elapsedMs) {
        return new DeviceCheck(false, failure.reason(), failure.getMessage(), elapsedMs, null, List.of());
    }
}
