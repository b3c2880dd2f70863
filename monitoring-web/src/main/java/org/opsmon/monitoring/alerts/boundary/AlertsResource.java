package org.opsmon.monitoring.alerts.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import org.opsmon.monitoring.alerts.control.AlertEvaluator;
import org.opsmon.monitoring.alerts.control.AlertHistory;
import org.opsmon.monitoring.alerts.entity.Alert;
import org.opsmon.monitoring.alerts.entity.AlertLevel;
import org.opsmon.monitoring.alerts.entity.AlertQuery;
import org.opsmon.monitoring.alerts.entity.AlertState;
import org.opsmon.monitoring.clients.control.ClientRegistry;
import org.opsmon.monitoring.platform.boundary.ResultLimit;
import org.opsmon.monitoring.platform.entity.RequestProblem;

/** Alerts, open and past, and their acknowledgement. */
@Path("alerts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "alerts")
public class AlertsResource {

    static final int DEFAULT_LIMIT = 100;

    @Inject
    AlertHistory history;

    @Inject
    AlertEvaluator evaluator;

    @Inject
    ClientRegistry clients;

    @Inject
    SecurityContext security;

    @Inject
    @ConfigProperty(name = "monitoring.alerts.query.max", defaultValue = "1000")
    int maxAlerts;

    @GET
    @RolesAllowed({"admin", "viewer"})
    @Operation(summary = "Alerts, newest first",
            description = "state: pending, firing or resolved; source: a client's name or id; level: warning or "
                    + "critical; from/to: unix seconds or ISO-8601, alerts open at some time between them; limit: "
                    + "default 100, at most monitoring.alerts.query.max (1000).")
    public List<AlertView> list(@QueryParam("state") String state, @QueryParam("source") String source,
                                @QueryParam("level") String level, @QueryParam("from") Instant from,
                                @QueryParam("to") Instant to, @QueryParam("limit") Integer limit) {
        if (from != null && to != null && from.isAfter(to)) {
            throw RequestProblem.badRequest("invalid_range", "from must not be after to");
        }
        Long clientId = source == null || source.isEmpty() ? null : clients.find(source)
                .orElseThrow(() -> RequestProblem.badRequest("unknown_source", "No client '" + source + "'")).id();
        AlertQuery query = new AlertQuery(state(state), clientId, level(level), from, to, limit(limit));
        return history.find(query).stream().map(AlertView::of).toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({"admin", "viewer"})
    @Operation(summary = "One alert")
    public AlertView one(@PathParam("id") String id) {
        return AlertView.of(history.require(id));
    }

    @POST
    @Path("{id}/ack")
    @RolesAllowed("admin")
    @Operation(summary = "Acknowledge a firing alert",
            description = "Records who and when; no reminders until its level changes. Acknowledging again answers "
                    + "the alert unchanged (the first acknowledgement stays); 409 alert_not_firing for a pending or "
                    + "resolved alert.")
    public AlertView acknowledge(@PathParam("id") String id) {
        Alert alert = history.require(id);
        if (!alert.firing()) {
            throw RequestProblem.conflict("alert_not_firing", "Alert " + alert.id() + " is " + alert.state().code()
                    + "; only a firing alert is acknowledged");
        }
        if (!alert.acknowledged()) {
            AlertEvaluator.Acknowledgement outcome = evaluator.acknowledge(alert.client().id(), alert.id(),
                    security.getCallerPrincipal().getName());
            if (outcome == AlertEvaluator.Acknowledgement.NOT_FIRING) {
                throw RequestProblem.conflict("alert_not_firing", "Alert " + alert.id() + " resolved meanwhile");
            }
        }
        return AlertView.of(history.require(id));
    }

    private static AlertState state(String state) {
        if (state == null || state.isEmpty()) {
            return null;
        }
        try {
            return AlertState.valueOf(state.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw RequestProblem.badRequest("invalid_state", "state must be pending, firing or resolved");
        }
    }

    private static AlertLevel level(String level) {
        if (level == null || level.isEmpty()) {
            return null;
        }
        try {
            return AlertLevel.valueOf(level.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw RequestProblem.badRequest("invalid_level", "level must be warning or critical");
        }
    }

    private int limit(Integer limit) {
        return new ResultLimit(DEFAULT_LIMIT, maxAlerts, "monitoring.alerts.query.max").resolve(limit);
    }
}
