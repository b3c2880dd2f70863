package org.opsmon.monitoring.history.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.StringReader;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.opsmon.monitoring.clients.entity.Client;
import org.opsmon.monitoring.platform.entity.Jsons;
import org.opsmon.monitoring.platform.entity.RequestProblem;

/** The newest snapshot of a client. */
@Path("clients/{client}/latest")
@RequestScoped
@RolesAllowed({"admin", "viewer", "agent"})
@Tag(name = "history")
public class LatestResource extends ClientHistoryResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The newest snapshot as it was sent, with its time and the client's last-seen time")
    public NewestSnapshot latest(@PathParam("client") String reference) {
        Client client = readable(reference);
        var latest = queries.latest(client.id())
                .orElseThrow(() -> new RequestProblem(404, "no_data", "Client '" + client.name() + "' has sent nothing yet"));
        return new NewestSnapshot(client.id(), client.name(), WireNumbers.seconds(latest.time()),
                latest.lastSeen().toString(), Jsons.reader(new StringReader(latest.json())).readValue());
    }
}
