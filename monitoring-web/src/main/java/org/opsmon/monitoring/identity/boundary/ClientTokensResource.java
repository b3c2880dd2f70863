package org.opsmon.monitoring.identity.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.opsmon.monitoring.clients.boundary.ClientAccess;
import org.opsmon.monitoring.clients.entity.Client;
import org.opsmon.monitoring.identity.control.AccessTokens;
import org.opsmon.monitoring.platform.entity.RequestProblem;

@Path("clients/{client}/tokens")
@RequestScoped
@Tag(name = "auth")
public class ClientTokensResource {

    @Inject
    ClientAccess access;

    @Inject
    AccessTokens tokens;

    @DELETE
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "agent"})
    @Transactional
    @Operation(summary = "Revoke every token of a client (admin, or the agent itself)")
    public RevokedTokens revoke(@PathParam("client") String reference) {
        Client client = access.writable(reference);
        if (client.account() == null) {
            throw RequestProblem.badRequest("no_credentials", "Client '" + client.name() + "' has no login");
        }
        int revoked = tokens.revokeAll(client.account());
        return new RevokedTokens(client.id(), revoked);
    }
}
