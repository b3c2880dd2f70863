package org.opsmon.monitoring.devices.entity;

import java.util.List;

/** What discovery found on a device: its system group and its interface table. */
public record DeviceFindings(SystemFacts system, List<InterfaceFacts> interfaces) {

    public DeviceFindings {
        interfaces = List.copyOf(interfaces);
    }
}
