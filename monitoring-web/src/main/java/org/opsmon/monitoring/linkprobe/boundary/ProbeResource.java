package org.opsmon.monitoring.linkprobe.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.util.SplittableRandom;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.opsmon.monitoring.linkprobe.control.ProbeQuota;
import org.opsmon.monitoring.platform.entity.RequestProblem;

/**
 * Bounded transfers with which agents measure their link to the server. Authenticated and
 * rate-limited per caller, so the probe cannot be turned into a bandwidth sink.
 */
@Path("probe")
@RequestScoped
@RolesAllowed({"agent", "admin"})
@Tag(name = "probe")
public class ProbeResource {

    static final long MAX_BYTES = 16L * 1024 * 1024;
    static final long DEFAULT_BYTES = 1024 * 1024;

    @Inject
    ProbeQuota quota;

    @Inject
    SecurityContext security;

    @GET
    @Path("download")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(summary = "Download N incompressible bytes (1 B to 16 MiB, default 1 MiB) to measure download speed")
    public Response download(@QueryParam("bytes") String bytes) {
        long size = size(bytes);
        quota.take(security.getCallerPrincipal().getName() + ":down");
        StreamingOutput body = out -> {
            byte[] block = new byte[65536];
            new SplittableRandom().nextBytes(block);
            long left = size;
            while (left > 0) {
                int chunk = (int) Math.min(block.length, left);
                out.write(block, 0, chunk);
                left -= chunk;
            }
        };
        return Response.ok(body).header("Content-Length", size).header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("upload")
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload up to 16 MiB to measure upload speed; answers the bytes received and the time taken")
    public ProbeResult upload(@HeaderParam("Content-Length") long declared, InputStream body) {
        if (declared > MAX_BYTES) {
            throw RequestProblem.tooLarge("A probe upload carries at most " + MAX_BYTES + " bytes");
        }
        quota.take(security.getCallerPrincipal().getName() + ":up");
        long start = System.nanoTime();
        long received = 0;
        byte[] buffer = new byte[65536];
        try {
            int read;
            while ((read = body.read(buffer)) != -1) {
                received += read;
                if (received > MAX_BYTES) {
                    throw RequestProblem.tooLarge("A probe upload carries at most " + MAX_BYTES + " bytes");
                }
            }
        } catch (IOException e) {
            throw RequestProblem.badRequest("incomplete_body", "The upload broke off: " + e.getMessage());
        }
        double seconds = Math.max(1e-6, (System.nanoTime() - start) / 1e9);
        return new ProbeResult(received, seconds, Math.round(received * 8 / seconds));
    }

    private static long size(String bytes) {
        if (bytes == null || bytes.isBlank()) {
            return DEFAULT_BYTES;
        }
        try {
            long value = Long.parseLong(bytes.trim());
            if (value < 1 || value > MAX_BYTES) {
                throw RequestProblem.badRequest("invalid_size", "bytes must be between 1 and " + MAX_BYTES);
            }
            return value;
        } catch (NumberFormatException e) {
            throw RequestProblem.badRequest("invalid_size", "bytes must be a whole number, got " + bytes);
        }
    }
}
