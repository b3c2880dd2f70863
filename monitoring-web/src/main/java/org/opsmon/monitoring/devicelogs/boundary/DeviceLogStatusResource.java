package org.opsmon.monitoring.devicelogs.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.opsmon.monitoring.devicelogs.control.DeviceLogCounters;

/** The receivers' state: listening or not, and what they received, stored and dropped since start. */
@Path("monitor/device-logs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "monitor")
public class DeviceLogStatusResource {

    /** The receivers' state. */
    @Schema(description = "Trap and syslog receivers: listening, and counters since the server started")
    public record DeviceLogStatus(boolean syslogListening, boolean trapsListening, Map<String, Long> counters) {
    }

    @Inject
    DeviceLogCounters counters;

    @Inject
    DeviceLogReceivers receivers;

    @GET
    @RolesAllowed({"admin", "viewer"})
    @Operation(summary = "Trap and syslog receivers: listening, received, stored and dropped (by reason)")
    public DeviceLogStatus status() {
        Map<String, Long> named = new LinkedHashMap<>();
        counters.snapshot().forEach((outcome, count) -> named.put(outcome.name().toLowerCase(Locale.ROOT), count));
        return new DeviceLogStatus(receivers.syslogListening(), receivers.trapsListening(), named);
    }
}
