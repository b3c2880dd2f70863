package org.opsmon.monitoring.clients.boundary;

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
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.opsmon.monitoring.clients.control.ClientRegistry;
import org.opsmon.monitoring.clients.entity.Client;
import org.opsmon.monitoring.ingest.control.SeriesRegistry;
import org.opsmon.monitoring.platform.boundary.JsonBodies;
import org.opsmon.monitoring.platform.control.BodyLimit;
import org.opsmon.monitoring.platform.entity.RequestProblem;

/**
 * Clients and the client itself. What belongs to a client lives under clients/{client}/NAME in
 * root resources of their own (time, series, latest, commands, metrics, tokens): JAX-RS picks
 * one root resource per request, the one whose path has the most literal characters, so no
 * other root resource may claim clients/{client} alone, or this one would never see it.
 */
@Path("clients")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "clients")
public class ClientsResource {

    @Inject
    ClientRegistry registry;

    @Inject
    ClientAccess access;

    @Inject
    SeriesRegistry series;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "enroller"})
    @Transactional
    @Operation(summary = "Register an agent client",
            description = "Body {username, password}; needs an admin token or the enrollment secret as bearer. "
                    + "Answers 201 {client_id, registration}; 409 when the name is taken, or belongs to a retired "
                    + "client (its login was deleted) and the request is not an admin's with continue_history: true.")
    @APIResponse(responseCode = "201", description = "Registered",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Registration.class)))
    public Response register(@HeaderParam("Content-Length") long contentLength, InputStream body,
                             @Context SecurityContext caller) {
        JsonObject request = JsonBodies.object(BodyLimit.read(body, contentLength));
        boolean continueHistory = JsonBodies.bool(request, "continue_history");
        if (continueHistory && !caller.isUserInRole("admin")) {
            throw RequestProblem.forbidden("Only an admin may attach a new login to a retired client's history");
        }
        Client client = registry.registerAgent(JsonBodies.string(request, "username"),
                JsonBodies.string(request, "password"), continueHistory);
        return Response.created(UriBuilder.fromPath("/api/clients/{id}").build(client.id()))
                .entity(Registration.of(client)).build();
    }

    @GET
    @RolesAllowed({"admin", "viewer", "agent"})
    @Operation(summary = "List clients with their last-seen time and series counts (an agent sees only itself)")
    public List<ClientView> list() {
        List<Client> clients = access.seesEverything() ? registry.all()
                : registry.ownedBy(access.callerName()).stream().toList();
        return ClientView.of(clients, series.usage(clients.stream().map(Client::id).toList()));
    }

    @GET
    @Path("{client}")
    @RolesAllowed({"admin", "viewer", "agent"})
    @Operation(summary = "One client by id or name, with its last-seen time, its series and the new series "
            + "its limits dropped")
    public ClientView one(@PathParam("client") String reference) {
        Client client = access.readable(reference);
        return ClientView.of(client, series.usage(List.of(client.id())).get(client.id()));
    }

    @DELETE
    @Path("{client}")
    @RolesAllowed("admin")
    @Transactional
    @Operation(summary = "Remove a client with all its samples, commands and its agent login (admin)")
    @APIResponse(responseCode = "204", description = "Removed")
    public Response remove(@PathParam("client") String reference) {
        registry.remove(registry.require(reference));
        return Response.noContent().build();
    }
}
