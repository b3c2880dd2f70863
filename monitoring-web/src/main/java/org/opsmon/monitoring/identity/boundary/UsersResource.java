package org.opsmon.monitoring.identity.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.security.enterprise.SecurityContext;
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
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.opsmon.monitoring.identity.control.AccessTokens;
import org.opsmon.monitoring.identity.control.Accounts;
import org.opsmon.monitoring.identity.entity.Account;
import org.opsmon.monitoring.identity.entity.Role;
import org.opsmon.monitoring.platform.boundary.JsonBodies;
import org.opsmon.monitoring.platform.control.BodyLimit;
import org.opsmon.monitoring.platform.entity.RequestProblem;

/** People who use the server: admins create viewers and admins; everyone may change their own password. */
@Path("users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "users")
public class UsersResource {

    @Inject
    Accounts accounts;

    @Inject
    AccessTokens tokens;

    @Inject
    SecurityContext security;

    @GET
    @RolesAllowed("admin")
    @Operation(summary = "Every principal (admins, viewers, agents) with its role")
    public List<UserView> list() {
        return accounts.all().stream().map(UserView::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Transactional
    @Operation(summary = "Create a person's account",
            description = "Body {username, password, role}; role is viewer (reads everything) or admin. "
                    + "Agents are registered with POST /api/clients.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserView.class)))
    public Response create(@HeaderParam("Content-Length") long contentLength, InputStream body) {
        JsonObject request = read(body, contentLength);
        String roleName = JsonBodies.string(request, "role");
        Role role = roleName == null ? Role.VIEWER : switch (roleName.toLowerCase(Locale.ROOT)) {
            case "viewer" -> Role.VIEWER;
            case "admin" -> Role.ADMIN;
            default -> throw RequestProblem.badRequest("invalid_role",
                    "role must be viewer or admin (agents register through POST /api/clients)");
        };
        Account account = accounts.create(JsonBodies.string(request, "username"), JsonBodies.string(request, "password"),
                role);
        return Response.created(UriBuilder.fromPath("/api/users/{name}").build(account.username()))
                .entity(UserView.of(account)).build();
    }

    @PUT
    @Path("{username}/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "viewer", "agent"})
    @Transactional
    @Operation(summary = "Set a new password (admins for anyone, others for themselves); the user's tokens are revoked")
    public Response changePassword(@PathParam("username") String username,
                                   @HeaderParam("Content-Length") long contentLength, InputStream body) {
        String caller = security.getCallerPrincipal().getName();
        if (!security.isCallerInRole("admin") && !caller.equals(username)) {
            throw RequestProblem.forbidden("Only admins change other people's passwords");
        }
        Account account = accounts.require(username);
        accounts.changePassword(account, JsonBodies.string(read(body, contentLength), "password"));
        tokens.revokeAll(account);
        return Response.noContent().build();
    }

    @DELETE
    @Path("{username}")
    @RolesAllowed("admin")
    @Transactional
    @Operation(summary = "Delete a principal; an agent's client and its history stay. The last admin cannot be deleted.")
    public Response delete(@PathParam("username") String username) {
        accounts.delete(accounts.require(username));
        return Response.noContent().build();
    }

    private static JsonObject read(InputStream body, long contentLength) {
        return JsonBodies.object(BodyLimit.read(body, contentLength));
    }
}
