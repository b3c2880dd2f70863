package org.opsmon.monitoring.devices.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.opsmon.monitoring.devices.entity.DeviceFindings;
import org.opsmon.monitoring.devices.entity.SnmpEndpoint;
import org.opsmon.monitoring.devices.entity.SnmpFailure;

/**
 * Reads a device's system group and interface table and stores them. The SNMP exchange runs
 * outside any transaction (it may take the whole timeout); storing is one transaction.
 */
@ApplicationScoped
public class DeviceDiscovery {

    @Inject
    DeviceProbe probe;

    @Inject
    PollRecorder recorder;

    /** Discovers the device at the endpoint and stores the findings; a failure leaves what was stored. */
    public DeviceFindings discover(long deviceId, SnmpEndpoint endpoint) throws SnmpFailure {
        DeviceFindings findings = probe.discover(endpoint);
        recorder.discovered(deviceId, findings);
        return findings;
    }

    /** Discovery without storing anything: what "test connection" answers. */
    public DeviceFindings test(SnmpEndpoint endpoint) throws SnmpFailure {
        return probe.discover(endpoint);
    }
}
