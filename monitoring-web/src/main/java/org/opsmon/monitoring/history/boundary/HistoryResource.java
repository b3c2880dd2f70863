package org.opsmon.monitoring.history.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.opsmon.monitoring.clients.boundary.ClientAccess;
import org.opsmon.monitoring.clients.boundary.ClientView;
import org.opsmon.monitoring.clients.control.ClientRegistry;
import org.opsmon.monitoring.clients.entity.Client;
import org.opsmon.monitoring.history.control.HistoryQueries;
import org.opsmon.monitoring.history.entity.CommandEntry;
import org.opsmon.monitoring.history.entity.LatestSnapshot;
import org.opsmon.monitoring.history.entity.ReportRow;
import org.opsmon.monitoring.history.entity.SeriesPoints;
import org.opsmon.monitoring.history.entity.TimeRange;
import org.opsmon.monitoring.platform.entity.RequestProblem;
import org.opsmon.monitoring.platform.entity.Jsons;

/** History of one client: any token that may read the client (its own agent, viewers, admins). */
@Path("clients/{client}")
@RequestScoped
@RolesAllowed({"admin", "viewer", "agent"})
@Tag(name = "history")
public class HistoryResource {

    static final String CSV = "text/csv";

    @Inject
    ClientAccess access;

    @Inject
    HistoryQueries queries;

    @Inject
    ClientRegistry clients;

    @PathParam("client")
    String reference;

    /** Lives here rather than in ClientsResource: JAX-RS routes /clients/{client} to this class. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One client by id or name, with its last-seen time")
    public ClientView one() {
        return ClientView.of(access.readable(reference));
    }

    /** Also here for routing: retiring a host removes its client, history and login. */
    @DELETE
    @RolesAllowed("admin")
    @Transactional
    @Operation(summary = "Remove a client with all its samples, commands and its agent login (admin)")
    public Response remove() {
        clients.remove(clients.require(reference));
        return Response.noContent().build();
    }

    @GET
    @Path("time")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Unix seconds of the first and last stored sample (null when none)")
    public String time() {
        Client client = access.readable(reference);
        JsonObjectBuilder body = Jsons.object().add("client_id", client.id());
        queries.span(client.id()).ifPresentOrElse(
                span -> body.add("start", seconds(span.start())).add("end", seconds(span.end())),
                () -> body.addNull("start").addNull("end"));
        return body.build().toString();
    }

    @GET
    @Path("time/report")
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @Operation(summary = "One row per sample time: cpu %, mem and storage used (MiB), percentages, swap, load",
            description = "JSON {payload:[{unix_time, cpu, mem, storage, ...}]}; Accept: text/csv (or format=csv) "
                    + "gives CSV. start/end are unix seconds or ISO-8601; default: the last 24 hours.")
    public Response report(@QueryParam("start") String start, @QueryParam("end") String end,
                           @QueryParam("format") String format, @Context jakarta.ws.rs.core.HttpHeaders headers) {
        Client client = access.readable(reference);
        TimeRange range = TimeRange.parse(start, end, Duration.ofDays(1), Instant.now());
        List<ReportRow> rows = queries.report(client.id(), range);
        boolean csv = "csv".equalsIgnoreCase(format) || (format == null && prefersCsv(headers));
        if (format != null && !csv && !"json".equalsIgnoreCase(format)) {
            throw RequestProblem.badRequest("invalid_format", "format must be json or csv");
        }
        if (csv) {
            return Response.ok(ReportCsv.render(rows), CSV + "; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"" + client.name() + "-report.csv\"")
                    .build();
        }
        JsonArrayBuilder payload = Jsons.array();
        for (ReportRow row : rows) {
            JsonObjectBuilder line = Jsons.object().add("unix_time", seconds(row.time()));
            for (String column : ReportRow.columnNames()) {
                Double value = row.values().get(column);
                if (value == null) {
                    line.addNull(column);
                } else {
                    line.add(column, round(value));
                }
            }
            payload.add(line);
        }
        return Response.ok(Jsons.object().add("client_id", client.id()).add("payload", payload)
                .build().toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("series")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Any series aggregated per step (avg, min, max, count)",
            description = "metric is required; label.NAME=VALUE narrows by label (e.g. label.core=3); start/end "
                    + "default to the last hour; step in seconds (default: about 500 points).")
    public String series(@QueryParam("metric") String metric, @QueryParam("start") String start,
                         @QueryParam("end") String end, @QueryParam("step") String step, @Context UriInfo uri) {
        Client client = access.readable(reference);
        if (metric == null || metric.isBlank()) {
            throw RequestProblem.badRequest("invalid_request", "metric is required, e.g. metric=processor.usage_percent");
        }
        TimeRange range = TimeRange.parse(start, end, Duration.ofHours(1), Instant.now());
        Duration stepLength = step(step, range);
        Map<String, String> labels = new TreeMap<>();
        uri.getQueryParameters().forEach((name, values) -> {
            if (name.startsWith("label.") && name.length() > 6 && !values.isEmpty()) {
                labels.put(name.substring(6), values.get(0));
            }
        });
        List<SeriesPoints> series = queries.series(client.id(), metric.trim(), labels, range, stepLength);
        JsonArrayBuilder out = Jsons.array();
        for (SeriesPoints s : series) {
            JsonObjectBuilder labelJson = Jsons.object();
            s.labels().forEach(labelJson::add);
            JsonArrayBuilder points = Jsons.array();
            for (SeriesPoints.Point p : s.points()) {
                points.add(Jsons.object().add("time", p.time().getEpochSecond()).add("avg", round(p.avg()))
                        .add("min", round(p.min())).add("max", round(p.max())).add("count", p.count()));
            }
            out.add(Jsons.object().add("metric", s.metric()).add("labels", labelJson).add("points", points));
        }
        return Jsons.object().add("client_id", client.id()).add("metric", metric.trim())
                .add("start", seconds(range.start())).add("end", seconds(range.end()))
                .add("step", stepLength.toSeconds()).add("series", out).build().toString();
    }

    @GET
    @Path("latest")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The newest snapshot as it was sent, with its time and the client's last-seen time")
    public String latest() {
        Client client = access.readable(reference);
        LatestSnapshot latest = queries.latest(client.id())
                .orElseThrow(() -> new RequestProblem(404, "no_data", "Client '" + client.name() + "' has sent nothing yet"));
        JsonValue snapshot = Jsons.reader(new StringReader(latest.json())).readValue();
        return Jsons.object().add("client_id", client.id()).add("name", client.name())
                .add("timestamp", seconds(latest.time())).add("last_seen", latest.lastSeen().toString())
                .add("snapshot", snapshot).build().toString();
    }

    @GET
    @Path("commands")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Commands users ran on the host, newest first",
            description = "start/end default to the last 24 hours; user filters by user; limit 1-10000 (default 1000).")
    public String commands(@QueryParam("start") String start, @QueryParam("end") String end,
                           @QueryParam("user") String user, @QueryParam("limit") String limit) {
        Client client = access.readable(reference);
        TimeRange range = TimeRange.parse(start, end, Duration.ofDays(1), Instant.now());
        int max = limit(limit);
        JsonArrayBuilder out = Jsons.array();
        for (CommandEntry entry : queries.commands(client.id(), range, user == null || user.isBlank() ? null : user, max)) {
            JsonObjectBuilder item = Jsons.object().add("user", entry.user()).add("command", entry.command())
                    .add("started_at", seconds(entry.startedAt())).add("source", entry.source());
            if (entry.pid() == null) {
                item.addNull("pid");
            } else {
                item.add("pid", entry.pid());
            }
            out.add(item);
        }
        return out.build().toString();
    }

    private static boolean prefersCsv(jakarta.ws.rs.core.HttpHeaders headers) {
        for (MediaType type : headers.getAcceptableMediaTypes()) {
            if (type.isWildcardType()) {
                return false;
            }
            if ("text".equals(type.getType()) && "csv".equals(type.getSubtype())) {
                return true;
            }
            if (MediaType.APPLICATION_JSON_TYPE.isCompatible(type)) {
                return false;
            }
        }
        return false;
    }

    private static Duration step(String step, TimeRange range) {
        if (step == null || step.isBlank()) {
            return Duration.ofSeconds(Math.max(1, (range.length().toSeconds() + 499) / 500));
        }
        try {
            long seconds = Long.parseLong(step.trim());
            if (seconds < 1) {
                throw RequestProblem.badRequest("invalid_step", "step must be at least 1 second");
            }
            return Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            throw RequestProblem.badRequest("invalid_step", "step must be a whole number of seconds, got " + step);
        }
    }

    private static int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return 1000;
        }
        try {
            int value = Integer.parseInt(limit.trim());
            if (value < 1 || value > 10_000) {
                throw RequestProblem.badRequest("invalid_limit", "limit must be between 1 and 10000");
            }
            return value;
        } catch (NumberFormatException e) {
            throw RequestProblem.badRequest("invalid_limit", "limit must be a whole number, got " + limit);
        }
    }

    /** Unix seconds, whole when the instant is, with milliseconds otherwise. */
    static JsonNumber seconds(Instant time) {
        if (time.getNano() == 0) {
            return Jsons.value(time.getEpochSecond());
        }
        return Jsons.value(time.toEpochMilli() / 1000.0);
    }

    static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
