package org.opsmon.monitoring.alerts.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.opsmon.monitoring.alerts.control.AlertEvaluator;
import org.opsmon.monitoring.alerts.control.AlertRules;
import org.opsmon.monitoring.alerts.entity.AlertRule;
import org.opsmon.monitoring.platform.boundary.JsonBodies;
import org.opsmon.monitoring.platform.control.BodyLimit;

/**
 * Alert rules: admins write, viewers read. Each change commits first (in {@link AlertRules}),
 * then reaches the evaluator, which applies it from the next sample and retires the alerts of
 * series the rule no longer watches.
 */
@Path("alert-rules")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "alerts")
public class AlertRulesResource {

    @Inject
    AlertRules rules;

    @Inject
    AlertEvaluator evaluator;

    @GET
    @RolesAllowed({"admin", "viewer"})
    @Operation(summary = "Every alert rule, the default ones included")
    public List<AlertRuleView> list() {
        return rules.all().stream().map(AlertRuleView::of).toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({"admin", "viewer"})
    @Operation(summary = "One alert rule")
    public AlertRuleView one(@PathParam("id") String id) {
        return AlertRuleView.of(rules.require(id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Operation(summary = "Create an alert rule",
            description = "Body {name, metric, labels, source, comparison, warning, critical, clear_warning, "
                    + "clear_critical, for_s, renotify_s, enabled}. 409 name_taken or rule_limit; 400 with a code "
                    + "naming the member otherwise.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AlertRuleView.class)))
    public Response create(@HeaderParam("Content-Length") long contentLength, InputStream body) {
        AlertRule rule = rules.create(RuleBody.read(JsonBodies.object(BodyLimit.read(body, contentLength))));
        evaluator.ruleSaved(rule.active());
        return Response.created(UriBuilder.fromPath("/api/alert-rules/{id}").build(rule.id()))
                .entity(AlertRuleView.of(rule)).build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Operation(summary = "Replace an alert rule",
            description = "The whole rule, as for POST. Open alerts of series the rule still watches stay and are "
                    + "judged by the new thresholds from the next sample; those of series it no longer watches "
                    + "(disabled, other metric, labels or source) are resolved.")
    public AlertRuleView update(@PathParam("id") String id, @HeaderParam("Content-Length") long contentLength,
                                InputStream body) {
        AlertRule rule = rules.update(id, RuleBody.read(JsonBodies.object(BodyLimit.read(body, contentLength))));
        evaluator.ruleSaved(rule.active());
        return AlertRuleView.of(rule);
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed("admin")
    @Operation(summary = "Delete an alert rule; its firing alerts are resolved, its pending ones dropped, its history kept")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("id") String id) {
        // The evaluator lets go of the rule first: an alert it would open meanwhile would name a deleted rule.
        evaluator.ruleRemoved(rules.require(id).id());
        rules.delete(id);
        return Response.noContent().build();
    }
}
