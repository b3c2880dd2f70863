package org.opsmon.monitoring.devices.boundary;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.opsmon.monitoring.devices.entity.Device;
import org.opsmon.monitoring.devices.entity.DeviceInterface;
import org.opsmon.monitoring.devices.entity.SystemFacts;

/**
 * A device as the API shows it: how it is reached (credentials never: only whether they are
 * set), its status, what discovery found, and its interfaces with their latest rates.
 */
@Schema(description = "A network device: address, port, SNMP version, v3 user and protocols (secrets never shown), "
        + "poll interval, enabled, status online|offline|unknown, last_seen, last_error, system facts from discovery, "
        + "interfaces with their latest in_bps/out_bps, rates_discarded (rates above the interface speed); discovery: "
        + "the outcome of the discovery run when the device was added (null elsewhere)")
public record DeviceView(long id, String name, String address, int port, String version, String user,
        String authProtocol, String privProtocol, boolean communitySet, int pollIntervalS, boolean enabled, String status,
        String lastSeen, String lastPolledAt, String lastError, DeviceSystem system, String discoveredAt,
        long ratesDiscarded, String createdAt, List<DeviceInterfaceView> interfaces, DeviceCheck discovery) {

    /** The view with the outcome of the discovery that adding the device ran; null otherwise. */
    DeviceView withDiscovery(DeviceCheck check) {
        return new DeviceView(id, name, address, port, version, user, authProtocol, privProtocol, communitySet,
                pollIntervalS, enabled, status, lastSeen, lastPolledAt, lastError, system, discoveredAt, ratesDiscarded,
                createdAt, interfaces, check);
    }

    /** The system group discovery read. */
    @Schema(description = "What discovery read of the device's system group")
    public record DeviceSystem(String name, String description, String objectId, Long uptimeS, String location,
                               String contact) {
    }

    /** One interface with the newest rates (bit/s; null until two polls gave one). */
    @Schema(description = "A device interface: if_index, name (ifName or ifDescr), alias, type, admin and oper status, "
            + "speed_bps, the latest in_bps and out_bps")
    public record DeviceInterfaceView(int ifIndex, String name, String description, String alias, Integer type,
                                      String adminStatus, String operStatus, Long speedBps, Double inBps, Double outBps) {
    }

    static DeviceView of(Device device, List<DeviceInterface> interfaces, Map<String, Double[]> rates) {
        SystemFacts facts = device.systemFacts();
        java.util.Set<String> names = new java.util.HashSet<>();
        List<DeviceInterfaceView> views = interfaces.stream().map(i -> {
            // The poller labels a repeated name with its ifIndex; the same rule finds its rates.
            String label = names.add(i.name()) ? i.name() : i.name() + "#" + i.ifIndex();
            Double[] inOut = rates.getOrDefault(label, new Double[2]);
            return new DeviceInterfaceView(i.ifIndex(), i.name(), i.description(), i.alias(), i.type(), i.adminStatus(),
                    i.operStatus(), i.speedBps(), inOut[0], inOut[1]);
        }).toList();
        return new DeviceView(device.id(), device.name(), device.address(), device.port(), device.version().code(),
                device.user(), device.authProtocol(), device.privProtocol(), device.version() != org.opsmon.monitoring.devices.entity.SnmpVersion.V3, device.pollIntervalSeconds(), device.enabled(), device.status().code(),
                time(device.lastSeen()), time(device.lastPolledAt()), device.lastError(),
                new DeviceSystem(facts.name(), facts.description(), facts.objectId(), facts.uptimeSeconds(),
                        facts.location(), facts.contact()), time(device.discoveredAt()), device.ratesDiscarded(),
                time(device.createdAt()), views, null);
    }

    private static String time(OffsetDateTime at) {
        return at == null ? null : at.toInstant().toString();
    }
}
