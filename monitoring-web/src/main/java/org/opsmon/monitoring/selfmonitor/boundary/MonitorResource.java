package org.opsmon.monitoring.selfmonitor.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.opsmon.monitoring.selfmonitor.control.DatabaseConnections;
import org.opsmon.monitoring.selfmonitor.control.HostProbe;
import org.opsmon.monitoring.selfmonitor.control.ProcessProbe;
import org.opsmon.monitoring.selfmonitor.control.ProcessWatch;
import org.opsmon.monitoring.selfmonitor.entity.ProcessState;
import org.opsmon.monitoring.selfmonitor.entity.SizeUnit;

/** The server's own host and process, right now. Their history is the client "server" under /api/clients. */
@Path("monitor")
@RequestScoped
@RolesAllowed({"admin", "viewer"})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "monitor")
public class MonitorResource {

    @Inject
    HostProbe probe;

    @Inject
    ProcessProbe process;

    @Inject
    DatabaseConnections connections;

    @Inject
    ProcessWatch watch;

    @GET
    @Path("cpu/load")
    @Operation(summary = "CPU usage of the server host in percent")
    public CpuLoad cpuLoad() {
        return new CpuLoad(probe.cpuLoadPercent());
    }

    @GET
    @Path("memory/info")
    @Operation(summary = "Memory of the server host; units B, KB, MB or GB (default MB)")
    public MemoryInfo memory(@QueryParam("units") String units) {
        return MemoryInfo.of(probe.memory(), SizeUnit.parse(units, SizeUnit.MB));
    }

    @GET
    @Path("storage/info")
    @Operation(summary = "The filesystem holding the server's data; units B, KB, MB or GB (default MB)")
    public StorageInfo storage(@QueryParam("units") String units) {
        return StorageInfo.of(probe.storage(), SizeUnit.parse(units, SizeUnit.MB));
    }

    @GET
    @Path("process")
    @Operation(summary = "The server's own JVM process: memory, threads, open files, garbage collection, database"
            + " connections, growth per hour over the last window and the warnings /health lists")
    public ProcessInfo process() {
        ProcessState state = process.read();
        return ProcessInfo.of(state, connections.count(), watch.growth(), watch.warnings(state));
    }
}
