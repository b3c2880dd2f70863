package org.opsmon.monitoring.devicelogs.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.opsmon.monitoring.devicelogs.control.DeviceEventLog;
import org.opsmon.monitoring.devicelogs.entity.DeviceEventQuery;
import org.opsmon.monitoring.devicelogs.entity.DeviceEventType;
import org.opsmon.monitoring.devicelogs.entity.EventSeverity;
import org.opsmon.monitoring.platform.boundary.ResultLimit;
import org.opsmon.monitoring.platform.entity.RequestProblem;

/**
 * A device's events. A root resource of its own under {@code devices/{id}/events}, so that the
 * devices resource keeps {@code devices/{id}} to itself.
 */
@Path("devices/{id}/events")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "devices")
public class DeviceEventsResource {

    static final int DEFAULT_LIMIT = 100;

    @Inject
    DeviceEventLog log;

    @Inject
    @ConfigProperty(name = "monitoring.devicelogs.query.max", defaultValue = "1000")
    int maxEvents;

    @GET
    @RolesAllowed({"admin", "viewer"})
    @Operation(summary = "A device's events, newest first",
            description = "type: status, trap or syslog; min_severity: 0 (emergency) to 7 (debug) or its name, events "
                    + "at least that severe; from/to: unix seconds or ISO-8601, on the server's receipt time; limit: "
                    + "default 100, at most monitoring.devicelogs.query.max (1000).")
    public List<DeviceEventView> list(@PathParam("id") String id, @QueryParam("type") String type,
                                      @QueryParam("min_severity") String minSeverity, @QueryParam("from") Instant from,
                                      @QueryParam("to") Instant to, @QueryParam("limit") Integer limit) {
        long device = device(id);
        if (from != null && to != null && from.isAfter(to)) {
            throw RequestProblem.badRequest("invalid_range", "from must not be after to");
        }
        DeviceEventQuery query = new DeviceEventQuery(device, type(type), severity(minSeverity), from, to, limit(limit));
        return log.find(query).stream().map(DeviceEventView::of).toList();
    }

    private long device(String id) {
        if (id == null || id.isEmpty() || id.length() > 18 || !id.chars().allMatch(c -> c >= '0' && c <= '9')
                || !log.deviceExists(Long.parseLong(id))) {
            throw RequestProblem.notFound("No device '" + id + "'");
        }
        return Long.parseLong(id);
    }

    private static DeviceEventType type(String type) {
        if (type == null || type.isEmpty()) {
            return null;
        }
        DeviceEventType parsed = DeviceEventType.ofWireName(type);
        if (parsed == null) {
            throw RequestProblem.badRequest("invalid_type", "type must be status, trap or syslog");
        }
        return parsed;
    }

    static EventSeverity severity(String severity) {
        if (severity == null || severity.isEmpty()) {
            return null;
        }
        if (severity.length() == 1 && severity.charAt(0) >= '0' && severity.charAt(0) <= '7') {
            return EventSeverity.ofCode(severity.charAt(0) - '0');
        }
        for (EventSeverity s : EventSeverity.values()) {
            if (s.name().equals(severity.toUpperCase(Locale.ROOT))) {
                return s;
            }
        }
        throw RequestProblem.badRequest("invalid_min_severity",
                "min_severity must be 0 (emergency) to 7 (debug) or a severity's name");
    }

    private int limit(Integer limit) {
        return new ResultLimit(DEFAULT_LIMIT, maxEvents, "monitoring.devicelogs.query.max").resolve(limit);
    }
}
