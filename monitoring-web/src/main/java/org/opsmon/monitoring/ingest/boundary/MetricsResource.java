package org.opsmon.monitoring.ingest.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.opsmon.monitoring.clients.boundary.ClientAccess;
import org.opsmon.monitoring.clients.entity.Client;
import org.opsmon.monitoring.history.control.HistoryQueries;
import org.opsmon.monitoring.ingest.control.Ingestion;
import org.opsmon.monitoring.ingest.control.SnapshotParser;
import org.opsmon.monitoring.ingest.entity.IngestResult;
import org.opsmon.monitoring.platform.control.BodyLimit;

/** Snapshots over HTTP: read the bounded body, parse it, hand the snapshots to ingestion. */
@Path("clients/{client}/metrics")
@RequestScoped
@Tag(name = "ingest")
public class MetricsResource {

    @Inject
    ClientAccess access;

    @Inject
    SnapshotParser parser;

    @Inject
    Ingestion ingestion;

    @Inject
    HistoryQueries history;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "viewer", "agent"})
    @Operation(summary = "Names of the metrics stored for the client")
    public MetricNames names(@PathParam("client") String reference) {
        Client client = access.readable(reference);
        return new MetricNames(client.id(), history.metrics(client.id()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"agent", "admin"})
    @Operation(summary = "Store one snapshot or an array of snapshots",
            description = "Flat form {cpu_load, mem, storage, time} or the rich form. All-or-nothing: a bad "
                    + "snapshot rejects the request with 400 and stores nothing. Re-sent seq values are "
                    + "acknowledged and stored once. Bodies over 1 MiB get 413. New series beyond the client's "
                    + "series limits are dropped with their samples and reported as series_dropped, limit and "
                    + "message; the rest is stored and the answer stays 200.")
    public StoredSnapshots store(@PathParam("client") String reference,
                                 @HeaderParam("Content-Length") long contentLength, InputStream body) {
        Client client = access.writable(reference);
        IngestResult result = ingestion.ingest(client, parser.parse(BodyLimit.read(body, contentLength)));
        return StoredSnapshots.of(client.id(), result);
    }
}
