package org.opsmon.monitoring.devices.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
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
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.opsmon.monitoring.devices.control.DeviceCatalog;
import org.opsmon.monitoring.devices.control.DeviceDiscovery;
import org.opsmon.monitoring.devices.entity.Device;
import org.opsmon.monitoring.devices.entity.DeviceSettings;
import org.opsmon.monitoring.devices.entity.SnmpCredentials;
import org.opsmon.monitoring.devices.entity.SnmpEndpoint;
import org.opsmon.monitoring.devices.entity.SnmpFailure;
import org.opsmon.monitoring.devices.entity.SnmpVersion;
import org.opsmon.monitoring.platform.boundary.JsonBodies;
import org.opsmon.monitoring.platform.control.BodyLimit;
import org.opsmon.monitoring.platform.entity.RequestProblem;

/**
 * Network devices: admins add, change and remove them; viewers read them. Credentials go in and
 * never come out. Adding a device discovers it at once (its outcome is in the answer's
 * {@code discovery}); the SNMP exchange runs after the device is stored, outside the transaction.
 */
@Path("devices")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "devices")
public class DevicesResource {

    private static final Set<String> MEMBERS = Set.of("name", "address", "port", "version", "community", "user",
            "auth_protocol", "auth_password", "priv_protocol", "priv_password", "poll_interval_s", "enabled");

    @Inject
    DeviceCatalog catalog;

    @Inject
    DeviceDiscovery discovery;

    @Inject
    DevicePoller poller;

    @GET
    @RolesAllowed({"admin", "viewer"})
    @Transactional
    @Operation(summary = "Every device with its status and interfaces")
    public List<DeviceView> list() {
        return catalog.all().stream().map(this::view).toList();
    }

    @GET
    @Path("{device}")
    @RolesAllowed({"admin", "viewer"})
    @Transactional
    @Operation(summary = "One device, by id or name: status, last_seen, system facts, interfaces with latest rates")
    public DeviceView get(@PathParam("device") String device) {
        return view(catalog.require(device));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Operation(summary = "Add a device and discover it",
            description = "Body {name, address, port (161), version v1|v2c|v3, community (v1/v2c) or user, auth_protocol "
                    + "SHA|SHA-256|SHA-512, auth_password, priv_protocol AES-128|AES-256 (AES = AES-128), priv_password "
                    + "(v3), poll_interval_s, enabled}. 201 with the device and the discovery outcome; secrets never echoed.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DeviceView.class)))
    public Response create(@HeaderParam("Content-Length") long contentLength, InputStream body) {
        JsonObject json = read(body, contentLength);
        DeviceSettings settings = settings(json, null);
        Device device = catalog.add(JsonBodies.string(json, "name"), settings);
        DeviceCheck check = discover(device.id(), catalog.endpoint(settings));
        return Response.created(UriBuilder.fromPath("/api/devices/{id}").build(device.id()))
                .entity(get(String.valueOf(device.id())).withDiscovery(check)).build();
    }

    @PUT
    @Path("{device}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Transactional
    @Operation(summary = "Change a device",
            description = "The same body as POST without name; secrets left out are kept when the version stays.")
    public DeviceView update(@PathParam("device") String reference, @HeaderParam("Content-Length") long contentLength,
                             InputStream body) {
        Device device = catalog.require(reference);
        JsonObject json = read(body, contentLength);
        if (json.containsKey("name") && !device.name().equals(JsonBodies.string(json, "name"))) {
            throw RequestProblem.badRequest("invalid_name", "A device's name cannot change: add a new device instead");
        }
        Device updated = catalog.update(device, settings(json, device));
        poller.pollSoon(updated.id());
        return view(updated);
    }

    @DELETE
    @Path("{device}")
    @RolesAllowed("admin")
    @Transactional
    @Operation(summary = "Remove a device with its client and all its history")
    public Response delete(@PathParam("device") String device) {
        catalog.remove(catalog.require(device));
        return Response.noContent().build();
    }

    @POST
    @Path("{device}/rediscover")
    @RolesAllowed("admin")
    @Operation(summary = "Read the device's system facts and interface table again and store them")
    public DeviceCheck rediscover(@PathParam("device") String reference) {
        Device device = catalog.require(reference);
        return discover(device.id(), catalog.endpoint(device));
    }

    @POST
    @Path("test")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Operation(summary = "Test connection: discover a device from a POST body without storing anything",
            description = "Answers within the SNMP timeout times the tries with what it found or the reason it failed.")
    public DeviceCheck test(@HeaderParam("Content-Length") long contentLength, InputStream body) {
        JsonObject json = read(body, contentLength);
        SnmpEndpoint endpoint = catalog.endpoint(settings(json, null));
        long started = System.nanoTime();
        try {
            return DeviceCheck.found(discovery.test(endpoint), elapsed(started));
        } catch (SnmpFailure failure) {
            return DeviceCheck.failed(failure, elapsed(started));
        }
    }

    private DeviceCheck discover(long deviceId, SnmpEndpoint endpoint) {
        long started = System.nanoTime();
        try {
            return DeviceCheck.found(discovery.discover(deviceId, endpoint), elapsed(started));
        } catch (SnmpFailure failure) {
            return DeviceCheck.failed(failure, elapsed(started));
        }
    }

    private DeviceView view(Device device) {
        return DeviceView.of(device, catalog.interfaces(device.id()), catalog.latestRates(device.id()));
    }

    private DeviceSettings settings(JsonObject json, Device existing) {
        for (String member : json.keySet()) {
            if (!MEMBERS.contains(member)) {
                throw RequestProblem.badRequest("unknown_member", "Unknown member '" + (member.length() > 64
                        ? member.substring(0, 64) + "…" : member) + "'; a device has " + String.join(", ",
                        MEMBERS.stream().sorted().toList()));
            }
        }
        String version = JsonBodies.string(json, "version");
        if (version == null && existing != null) {
            version = existing.version().code();
        }
        String community = JsonBodies.string(json, "community");
        String user = JsonBodies.string(json, "user");
        String authProtocol = JsonBodies.string(json, "auth_protocol");
        String authPassword = JsonBodies.string(json, "auth_password");
        String privProtocol = JsonBodies.string(json, "priv_protocol");
        String privPassword = JsonBodies.string(json, "priv_password");
        if (existing != null && existing.version().code().equals(version)) {
            // Secrets are never shown, so a client cannot send them back: left out, they stay.
            SnmpCredentials stored = catalog.credentials(existing);
            if (existing.version() != SnmpVersion.V3) {
                community = community == null ? stored.community() : community;
            } else {
                user = user == null ? stored.user() : user;
                authProtocol = authProtocol == null ? stored.authProtocol() : authProtocol;
                authPassword = authPassword == null && authProtocol != null ? stored.authPassword() : authPassword;
                privProtocol = privProtocol == null ? stored.privProtocol() : privProtocol;
                privPassword = privPassword == null && privProtocol != null ? stored.privPassword() : privPassword;
            }
        }
        SnmpCredentials given = SnmpCredentials.of(version, community, user, authProtocol, authPassword, privProtocol,
                privPassword);
        String address = JsonBodies.string(json, "address");
        Integer port = integer(json, "port");
        Integer interval = integer(json, "poll_interval_s");
        Boolean enabled = json.containsKey("enabled") && json.get("enabled") != JsonValue.NULL
                ? JsonBodies.bool(json, "enabled") : null;
        if (existing != null) {
            address = address == null ? existing.address() : address;
            port = port == null ? existing.port() : port;
            interval = interval == null ? existing.pollIntervalSeconds() : interval;
            enabled = enabled == null ? existing.enabled() : enabled;
        }
        return catalog.settings(address, port, given, interval, enabled);
    }

    private static Integer integer(JsonObject json, String name) {
        JsonValue value = json.get(name);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonNumber number && number.isIntegral()) {
            try {
                return number.intValueExact();
            } catch (ArithmeticException tooBig) {
                // Falls through to the error below.
            }
        }
        throw RequestProblem.badRequest("invalid_" + name, name + " must be a whole number");
    }

    private static long elapsed(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static JsonObject read(InputStream body, long contentLength) {
        return JsonBodies.object(BodyLimit.read(body, contentLength));
    }
}
