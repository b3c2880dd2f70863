package org.opsmon.monitoring.history.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.opsmon.monitoring.clients.entity.Client;
import org.opsmon.monitoring.history.entity.TimeRange;
import org.opsmon.monitoring.platform.entity.RequestProblem;

/** When a client has data, and its time report. */
@Path("clients/{client}/time")
@RequestScoped
@RolesAllowed({"admin", "viewer", "agent"})
@Tag(name = "history")
public class TimeResource extends ClientHistoryResource {

    static final String CSV = "text/csv";

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Unix seconds of the first and last stored sample (null when none)")
    public TimeSpan span(@PathParam("client") String reference) {
        Client client = readable(reference);
        return queries.span(client.id())
                .map(span -> new TimeSpan(client.id(), WireNumbers.seconds(span.start()), WireNumbers.seconds(span.end())))
                .orElseGet(() -> new TimeSpan(client.id(), null, null));
    }

    @GET
    @Path("report")
    // JSON unless the caller prefers CSV: browsers and plain clients send */*.
    @Produces({MediaType.APPLICATION_JSON, CSV + ";charset=UTF-8;qs=0.5"})
    @Operation(summary = "One row per sample time: cpu %, mem and storage used (MiB), percentages, swap, load",
            description = "JSON {payload:[{unix_time, cpu, mem, storage, ...}]}; Accept: text/csv (or format=csv) "
                    + "gives CSV. start/end are unix seconds or ISO-8601; default: the last 24 hours.")
    @APIResponse(responseCode = "200", description = "The report",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TimeReport.class)),
                    @Content(mediaType = CSV)})
    public Response report(@PathParam("client") String reference, @QueryParam("start") Instant start,
                           @QueryParam("end") Instant end, @QueryParam("format") String format) {
        MediaType asked = format(format);
        Client client = readable(reference);
        TimeRange range = TimeRange.of(start, end, Duration.ofDays(1), Instant.now());
        TimeReport report = new TimeReport(client.id(), client.name(),
                queries.report(client.id(), range).stream().map(ReportLine::of).toList());
        return (asked == null ? Response.ok(report) : Response.ok(report, asked)).build();
    }

    /** The type ?format= asks for, overriding Accept for links and browsers; null when absent. */
    private static MediaType format(String format) {
        if (format == null || format.isBlank()) {
            return null;
        }
        return switch (format.trim().toLowerCase(Locale.ROOT)) {
            case "json" -> MediaType.APPLICATION_JSON_TYPE;
            case "csv" -> MediaType.valueOf(CSV + "; charset=UTF-8");
            default -> throw RequestProblem.badRequest("invalid_format", "format must be json or csv");
        };
    }
}
