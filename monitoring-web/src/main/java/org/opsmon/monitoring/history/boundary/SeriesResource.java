package org.opsmon.monitoring.history.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.opsmon.monitoring.clients.entity.Client;
import org.opsmon.monitoring.history.entity.TimeRange;
import org.opsmon.monitoring.platform.boundary.TextParameters;
import org.opsmon.monitoring.platform.entity.RequestProblem;
import org.opsmon.monitoring.platform.entity.TextRule;

/** Any series of a client, aggregated per step. */
@Path("clients/{client}/series")
@RequestScoped
@RolesAllowed({"admin", "viewer", "agent"})
@Tag(name = "history")
public class SeriesResource extends ClientHistoryResource {

    static final String LABEL = "label.";
    static final String INVALID_LABEL = "invalid_label";

    /** About this many points per series when the caller gives no step. */
    static final int DEFAULT_POINTS = 500;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Any series aggregated per step (avg, min, max, count)",
            description = "metric is required; label.NAME=VALUE narrows by label (e.g. label.core=3); start/end "
                    + "default to the last hour; step in seconds (default: about 500 points).")
    public SeriesWindow series(@PathParam("client") String reference, @QueryParam("metric") String metric,
                               @QueryParam("start") Instant start, @QueryParam("end") Instant end,
                               @QueryParam("step") Long step, @Context UriInfo uri) {
        Client client = readable(reference);
        if (metric == null || metric.isBlank()) {
            throw RequestProblem.badRequest("invalid_request", "metric is required, e.g. metric=processor.usage_percent");
        }
        TimeRange range = TimeRange.of(start, end, Duration.ofHours(1), Instant.now());
        Duration stepLength = step(step, range);
        String name = metric.trim();
        return new SeriesWindow(client.id(), name, WireNumbers.seconds(range.start()), WireNumbers.seconds(range.end()),
                stepLength.toSeconds(), queries.series(client.id(), name, labels(uri), range, stepLength).stream()
                .map(SeriesWindow.Series::of).toList());
    }

    /** The label.NAME=VALUE parameters: label names are open-ended, so they are read from the query itself. */
    private static Map<String, String> labels(UriInfo uri) {
        Map<String, String> labels = new TreeMap<>();
        uri.getQueryParameters().forEach((name, values) -> {
            if (name.startsWith(LABEL) && name.length() > LABEL.length() && !values.isEmpty()) {
                TextParameters.checked(INVALID_LABEL, "label name", name, TextRule.MAX_LABEL);
                labels.put(name.substring(LABEL.length()),
                        TextParameters.checked(INVALID_LABEL, name, values.get(0), TextRule.MAX_LABEL));
            }
        });
        return labels;
    }

    private static Duration step(Long step, TimeRange range) {
        if (step == null) {
            return Duration.ofSeconds(Math.max(1, (range.length().toSeconds() + DEFAULT_POINTS - 1) / DEFAULT_POINTS));
        }
        if (step < 1) {
            throw RequestProblem.badRequest("invalid_step", "step must be at least 1 second");
        }
        return Duration.ofSeconds(step);
    }
}
