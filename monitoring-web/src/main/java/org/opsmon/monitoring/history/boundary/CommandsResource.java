package org.opsmon.monitoring.history.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.opsmon.monitoring.clients.entity.Client;
import org.opsmon.monitoring.history.entity.TimeRange;
import org.opsmon.monitoring.platform.entity.RequestProblem;

/** Commands users ran on a client's host. */
@Path("clients/{client}/commands")
@RequestScoped
@RolesAllowed({"admin", "viewer", "agent"})
@Tag(name = "history")
public class CommandsResource extends ClientHistoryResource {

    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 10_000;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Commands users ran on the host, newest first",
            description = "start/end default to the last 24 hours; user filters by user; limit 1-10000 (default 1000).")
    @APIResponse(responseCode = "200", description = "The commands, newest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = RanCommand.class)))
    public List<RanCommand> commands(@PathParam("client") String reference, @QueryParam("start") Instant start,
                                     @QueryParam("end") Instant end, @QueryParam("user") String user,
                                     @QueryParam("limit") Integer limit) {
        Client client = readable(reference);
        TimeRange range = TimeRange.of(start, end, Duration.ofDays(1), Instant.now());
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw RequestProblem.badRequest("invalid_limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        return queries.commands(client.id(), range, user == null || user.isBlank() ? null : user,
                limit == null ? DEFAULT_LIMIT : limit).stream().map(RanCommand::of).toList();
    }
}
