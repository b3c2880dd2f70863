package org.opsmon.monitoring.notifications.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
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
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.opsmon.monitoring.notifications.control.ChannelCatalog;
import org.opsmon.monitoring.notifications.control.OutboxSender;
import org.opsmon.monitoring.notifications.entity.ChannelSettings;
import org.opsmon.monitoring.notifications.entity.NotificationChannel;
import org.opsmon.monitoring.notifications.entity.Notice;
import org.opsmon.monitoring.platform.boundary.JsonBodies;
import org.opsmon.monitoring.platform.control.BodyLimit;
import org.opsmon.monitoring.platform.entity.RequestProblem;

/** Where notifications go: admins manage channels; viewers read them, never their secrets. */
@Path("notification-channels")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "notifications")
public class NotificationChannelsResource {

    @Inject
    ChannelCatalog catalog;

    @Inject
    OutboxSender sender;

    @GET
    @RolesAllowed({"admin", "viewer"})
    @Transactional
    @Operation(summary = "Every notification channel with its filters, state and counters (secrets never shown)")
    public List<NotificationChannelView> list() {
        return catalog.all().stream().map(this::view).toList();
    }

    @GET
    @Path("{channel}")
    @RolesAllowed({"admin", "viewer"})
    @Transactional
    @Operation(summary = "One channel, by id or name")
    public NotificationChannelView get(@PathParam("channel") String channel) {
        return view(catalog.require(channel));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Transactional
    @Operation(summary = "Create a channel",
            description = "Body {name, type: log|file|email|webhook|slack, settings{…}, filters{min_level, metrics[], "
                    + "window{from, to, zone}}, enabled}. Secrets (password, headers, webhook_url of Slack) are sealed and "
                    + "never shown again.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = NotificationChannelView.class)))
    public Response create(@HeaderParam("Content-Length") long contentLength, InputStream body) {
        NotificationChannel channel = catalog.create(read(body, contentLength));
        return Response.created(UriBuilder.fromPath("/api/notification-channels/{id}").build(channel.id()))
                .entity(view(channel)).build();
    }

    @PUT
    @Path("{channel}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Transactional
    @Operation(summary = "Change a channel",
            description = "Members left out keep their value; secrets left out of settings are kept. "
                    + "Disabling a channel fails the notifications it still had pending.")
    public NotificationChannelView update(@PathParam("channel") String channel,
                                          @HeaderParam("Content-Length") long contentLength, InputStream body) {
        NotificationChannel existing = catalog.require(channel);
        return view(catalog.update(existing, read(body, contentLength)));
    }

    @DELETE
    @Path("{channel}")
    @RolesAllowed("admin")
    @Transactional
    @Operation(summary = "Remove a channel and its notifications")
    public Response delete(@PathParam("channel") String channel) {
        catalog.delete(catalog.require(channel));
        return Response.noContent().build();
    }

    @POST
    @Path("{channel}/test")
    @RolesAllowed("admin")
    @Operation(summary = "Send a test notification through the channel now",
            description = "Answers whether it was delivered or the error the channel met; disabled channels are tested "
                    + "too. Counters and the outbox are left alone.")
    public ChannelTestOutcome test(@PathParam("channel") String channel) {
        NotificationChannel found = catalog.require(channel);
        ChannelSettings settings = catalog.currentSettings(found);
        if (settings == null) {
            throw RequestProblem.conflict("settings_unreadable", "The channel's stored secrets do not open with this "
                    + "server's key (MONITORING_SECRET_KEY or the data directory's secret.key changed); set them again");
        }
        Instant now = Instant.now();
        Optional<String> error = sender.sendNow(settings, Notice.test(found.name(), now));
        return new ChannelTestOutcome(found.id(), found.name(), error.isEmpty(), error.orElse(null),
                error.isEmpty() ? Instant.now().toString() : null);
    }

    private NotificationChannelView view(NotificationChannel channel) {
        return NotificationChannelView.of(channel, catalog.publicSettings(channel), catalog.pending(channel));
    }

    private static JsonObject read(InputStream body, long contentLength) {
        return JsonBodies.object(BodyLimit.read(body, contentLength));
    }
}
