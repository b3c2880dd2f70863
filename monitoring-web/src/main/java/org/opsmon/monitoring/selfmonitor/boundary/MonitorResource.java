package org.opsmon.monitoring.selfmonitor.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.opsmon.monitoring.selfmonitor.control.HostProbe;
import org.opsmon.monitoring.selfmonitor.entity.MemoryState;
import org.opsmon.monitoring.selfmonitor.entity.SizeUnit;
import org.opsmon.monitoring.selfmonitor.entity.StorageState;
import org.opsmon.monitoring.platform.entity.Jsons;

/** The server's own host, right now. Its history is the client "server" under /api/clients. */
@Path("monitor")
@RequestScoped
@RolesAllowed({"admin", "viewer"})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "monitor")
public class MonitorResource {

    @Inject
    HostProbe probe;

    @GET
    @Path("cpu/load")
    @Operation(summary = "CPU usage of the server host in percent")
    public String cpuLoad() {
        return Jsons.object().add("load", probe.cpuLoadPercent()).build().toString();
    }

    @GET
    @Path("memory/info")
    @Operation(summary = "Memory of the server host; units B, KB, MB or GB (default MB)")
    public String memory(@QueryParam("units") String units) {
        SizeUnit unit = SizeUnit.parse(units, SizeUnit.MB);
        MemoryState memory = probe.memory();
        JsonObjectBuilder body = Jsons.object()
                .add("total", unit.of(memory.total()))
                .add("available", unit.of(memory.available()))
                .add("used", unit.of(memory.used()))
                .add("free", unit.of(memory.free()))
                .add("percent", memory.percent())
                .add("swap_total", unit.of(memory.swapTotal()))
                .add("swap_used", unit.of(memory.swapUsed()));
        memory.details().forEach((name, bytes) -> body.add(name, unit.of(bytes)));
        return body.add("units", unit.name()).build().toString();
    }

    @GET
    @Path("storage/info")
    @Operation(summary = "The filesystem holding the server's data; units B, KB, MB or GB (default MB)")
    public String storage(@QueryParam("units") String units) {
        SizeUnit unit = SizeUnit.parse(units, SizeUnit.MB);
        StorageState storage = probe.storage();
        return Jsons.object()
                .add("total", unit.of(storage.total()))
                .add("used", unit.of(storage.used()))
                .add("free", unit.of(storage.free()))
                .add("percent", storage.percent())
                .add("path", storage.path())
                .add("units", unit.name())
                .build().toString();
    }
}
