package org.opsmon.monitoring.devices.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.opsmon.monitoring.clients.entity.ClientRemoved;
import org.opsmon.monitoring.devices.entity.Device;
import org.opsmon.monitoring.devices.entity.DeviceChange;
import org.opsmon.monitoring.devices.entity.DeviceInterface;
import org.opsmon.monitoring.devices.entity.DeviceStatus;
import org.opsmon.monitoring.devices.entity.InterfaceCounters;
import org.opsmon.monitoring.devices.entity.PollReading;
import org.opsmon.monitoring.ingest.control.Ingestion;
import org.opsmon.monitoring.ingest.control.Readings;
import org.opsmon.monitoring.ingest.control.SeriesNames;
import org.opsmon.monitoring.ingest.entity.CounterRule;
import org.opsmon.monitoring.ingest.entity.IngestResult;
import org.opsmon.monitoring.ingest.entity.SeriesKey;

/**
 * Turns the outcome of one poll into samples and state, in one transaction: the interface
 * counters and statuses go through {@link Ingestion} like any snapshot (so rates, rules and live
 * push treat a device like an agent), the device's status and its interfaces' statuses move, and
 * each change is fired as a {@link DeviceChange} for the device event log.
 */
@ApplicationScoped
public class PollRecorder {

    public static final String IF_LABEL = "if_name";
    public static final SeriesKey REACHABLE = SeriesKey.of("device.reachable");
    /** ifType softwareLoopback: its ifSpeed is a made-up number, no ceiling for a rate. */
    private static final int SOFTWARE_LOOPBACK = 24;
    private static final Logger LOG = Logger.getLogger(PollRecorder.class.getName());

    @Inject
    DeviceCatalog catalog;

    @Inject
    Ingestion ingestion;

    @Inject
    Event<DeviceChange> changes;

    /** Last ifCounterDiscontinuityTime per device and ifIndex: a change means the counters restarted. */
    private final Map<Long, Map<Integer, Long>> discontinuities = new ConcurrentHashMap<>();

    @Transactional
    public void answered(long deviceId, PollReading reading) {
        Device device = catalog.find(deviceId).orElse(null);
        if (device == null) {
            return;
        }
        OffsetDateTime at = OffsetDateTime.ofInstant(reading.at(), ZoneOffset.UTC);
        if (device.answered(at)) {
            changes.fire(DeviceChange.status(deviceId, device.name(), reading.at(), DeviceStatus.ONLINE, null));
        }
        Map<Integer, DeviceInterface> known = new HashMap<>();
        catalog.interfaces(deviceId).forEach(i -> known.put(i.ifIndex(), i));
        Map<Integer, Long> lastDiscontinuity = discontinuities.computeIfAbsent(deviceId, d -> new ConcurrentHashMap<>());
        Readings readings = Readings.at(reading.at()).bootTime(reading.bootTimeSeconds())
                .gauge(REACHABLE, 1.0)
                .gauge(SeriesNames.UPTIME, reading.uptimeCentis() / 100.0);
        Set<String> names = new HashSet<>();
        for (InterfaceCounters counters : reading.interfaces()) {
            DeviceInterface known1 = known.get(counters.index());
            if (known1 == null) {
                // Not in the last discovery (added since): polled once it is discovered again.
                continue;
            }
            if (known1.polled(counters.adminStatus(), counters.operStatus())) {
                changes.fire(DeviceChange.link(deviceId, device.name(), reading.at(), known1.ifIndex(), known1.name(),
                        known1.operUp()));
            }
            String label = names.add(known1.name()) ? known1.name() : known1.name() + "#" + known1.ifIndex();
            Long previous = counters.discontinuity() == null ? null
                    : lastDiscontinuity.put(counters.index(), counters.discontinuity());
            boolean restart = previous != null && !previous.equals(counters.discontinuity());
            add(readings, counters, label, known1, restart);
        }
        IngestResult result = ingestion.ingest(device.client(), List.of(readings.build()));
        if (result.discardedRates() > 0) {
            device.discardedRates(result.discardedRates());
            LOG.info(() -> "Discarded " + result.discardedRates() + " interface rate(s) of " + device.name()
                    + " above the interface's speed");
        }
    }

    /** Stores what discovery found; false when the device is gone meanwhile. */
    @Transactional
    public boolean discovered(long deviceId, org.opsmon.monitoring.devices.entity.DeviceFindings findings) {
        Device device = catalog.find(deviceId).orElse(null);
        if (device == null) {
            return false;
        }
        catalog.discovered(device, findings);
        return true;
    }

    /** The device did not answer: it is offline, and {@code device.reachable} 0 lets the rules see it. */
    @Transactional
    public void silent(long deviceId, Instant at, String reason) {
        Device device = catalog.find(deviceId).orElse(null);
        if (device == null) {
            return;
        }
        if (device.silent(OffsetDateTime.ofInstant(at, ZoneOffset.UTC), reason)) {
            changes.fire(DeviceChange.status(deviceId, device.name(), at, DeviceStatus.OFFLINE, reason));
        }
        ingestion.ingest(device.client(), List.of(Readings.at(at).gauge(REACHABLE, 0.0).build()));
    }

    private static void add(Readings readings, InterfaceCounters c, String label, DeviceInterface known, boolean restart) {
        readings.gauge(key("if.oper_status", label), known.operUp() ? 1.0 : 0.0);
        readings.gauge(key("if.down", label), known.downValue());
        double ceiling = known.speedBps() == null || known.speedBps() <= 0
                || Integer.valueOf(SOFTWARE_LOOPBACK).equals(known.type()) ? Double.POSITIVE_INFINITY
                : known.speedBps().doubleValue();
        octets(readings, "if.in_octets", "if.in_bps", label, c.inOctets(), c, ceiling, restart);
        octets(readings, "if.out_octets", "if.out_bps", label, c.outOctets(), c, ceiling, restart);
        plain(readings, "if.in_packets", label, c.inUnicast(), c, restart);
        plain(readings, "if.out_packets", label, c.outUnicast(), c, restart);
        plain(readings, "if.in_errors", label, c.inErrors(), null, restart);
        plain(readings, "if.out_errors", label, c.outErrors(), null, restart);
        plain(readings, "if.in_discards", label, c.inDiscards(), null, restart);
        plain(readings, "if.out_discards", label, c.outDiscards(), null, restart);
    }

    private static void octets(Readings readings, String metric, String rate, String label, Double value,
                               InterfaceCounters c, double ceiling, boolean restart) {
        if (value != null) {
            readings.counter(key(metric, label), value, c.width(),
                    CounterRule.named(key(rate, label), 8).withCeiling(ceiling).restarted(restart));
        }
    }

    /** Packets follow the octets' width; errors and discards are 32-bit in every MIB (c null). */
    private static void plain(Readings readings, String metric, String label, Double value, InterfaceCounters c,
                              boolean restart) {
        if (value != null) {
            SeriesKey key = key(metric, label);
            readings.counter(key, value, c == null ? org.opsmon.monitoring.ingest.entity.CounterWidth.BITS_32 : c.width(),
                    CounterRule.named(SeriesNames.rateOf(key), 1).restarted(restart));
        }
    }

    private static SeriesKey key(String metric, String label) {
        return SeriesKey.of(metric, IF_LABEL, label);
    }

    /** A removed device's remembered discontinuity times go with it. */
    void forget(@jakarta.enterprise.event.Observes ClientRemoved removed) {
        discontinuities.remove(removed.clientId());
    }
}
