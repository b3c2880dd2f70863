package org.opsmon.monitoring.devices.entity;

/**
 * The system group as discovery read it (RFC 1213 sysDescr, sysObjectID, sysUpTime, sysContact,
 * sysName, sysLocation); any member a device does not answer is null.
 */
public record SystemFacts(String name, String description, String objectId, Long uptimeSeconds, String location,
                          String contact) {
}
