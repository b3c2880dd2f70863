package org.opsmon.monitoring.ingest.control;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.opsmon.monitoring.ingest.entity.CounterReading;
import org.opsmon.monitoring.ingest.entity.Measurement;
import org.opsmon.monitoring.ingest.entity.SeriesKey;
import org.opsmon.monitoring.ingest.entity.Snapshot;
import org.opsmon.monitoring.ingest.entity.StoredSample;

/**
 * What the server computes from what a source sent, the same for every source: sums and
 * percentages of a snapshot's gauges (total storage over all disks, swap and GPU memory in
 * percent) and per-second rates of its counters. One instance serves one request's fresh
 * snapshots, in time order, so each rate sees the reading before it. A series without an id
 * (a limit of the {@link SeriesRegistry} dropped it) stores nothing and, for a counter, gives
 * no rate.
 */
final class DerivedSeries {

    private static final double PERCENT = 100.0;

    private final List<Snapshot> snapshots;
    private final CounterRates.Batch rates;
    private final List<List<Measurement>> gauges;
    private final Map<SeriesKey, SeriesKey> rateKeys = new HashMap<>();
    private int discardedRates;

    DerivedSeries(List<Snapshot> snapshots, CounterRates.Batch rates) {
        this.snapshots = snapshots;
        this.rates = rates;
        this.gauges = new ArrayList<>(snapshots.size());
        for (Snapshot snapshot : snapshots) {
            gauges.add(sumsAndPercentages(snapshot.measurements()));
        }
    }

    /** Every series the snapshots store, sent or derived: what the series registry resolves. */
    Set<SeriesKey> keys() {
        Set<SeriesKey> keys = new LinkedHashSet<>();
        for (int i = 0; i < snapshots.size(); i++) {
            for (Measurement m : snapshots.get(i).measurements()) {
                keys.add(m.key());
                if (m.counter()) {
                    keys.add(rateKey(m));
                }
            }
            gauges.get(i).forEach(m -> keys.add(m.key()));
        }
        return keys;
    }

    /**
     * The samples snapshot {@code index} stores: what it sent, its sums and percentages, and the
     * rates of its counters since their previous readings (none across a reboot of the source).
     */
    List<StoredSample> samples(int index, Map<SeriesKey, Long> ids) throws SQLException {
        Snapshot snapshot = snapshots.get(index);
        List<Measurement> derived = gauges.get(index);
        List<StoredSample> samples = new ArrayList<>(snapshot.measurements().size() * 2 + derived.size());
        boolean rebooted = rates.rebooted(ids.get(SeriesNames.BOOT_TIME), snapshot.bootTime());
        for (Measurement m : snapshot.measurements()) {
            Long id = ids.get(m.key());
            if (id == null) {
                continue;
            }
            samples.add(new StoredSample(m.key(), m.value()));
            if (m.counter()) {
                boolean restart = rebooted || (m.rule() != null && m.rule().restart());
                OptionalDouble rate = rates.next(id, new CounterReading(snapshot.time(), m.value()), restart, m.width());
                SeriesKey rateKey = rateKey(m);
                if (rate.isPresent() && ids.containsKey(rateKey)) {
                    double value = m.rule() == null ? rate.getAsDouble() : rate.getAsDouble() * m.rule().factor();
                    if (m.rule() == null || m.rule().plausible(value)) {
                        samples.add(new StoredSample(rateKey, value));
                    } else {
                        discardedRates++;
                    }
                }
            }
        }
        for (Measurement m : derived) {
            if (ids.containsKey(m.key())) {
                samples.add(new StoredSample(m.key(), m.value()));
            }
        }
        return samples;
    }

    private SeriesKey rateKey(Measurement counter) {
        return counter.rule() != null ? counter.rule().rateKey() : rateKeys.computeIfAbsent(counter.key(), SeriesNames::rateOf);
    }

    /** Rates above their rule's ceiling, left out of the samples so far. */
    int discardedRates() {
        return discardedRates;
    }

    /** Makes this request's counter readings the remembered ones; call once it has committed. */
    void publish() {
        rates.publish();
    }

    /**
     * Storage summed over every disk, swap and GPU memory in percent. A total of zero gives no
     * percentage rather than a division by zero; a sum counts the disks that report the value.
     */
    static List<Measurement> sumsAndPercentages(List<Measurement> sent) {
        Double swapTotal = null;
        Double swapUsed = null;
        Double diskUsed = null;
        Double diskTotal = null;
        Map<String, double[]> gpuMemory = null;
        for (Measurement m : sent) {
            switch (m.key().metric()) {
                case SeriesNames.SWAP_TOTAL -> swapTotal = m.value();
                case SeriesNames.SWAP_USED -> swapUsed = m.value();
                case SeriesNames.DISK_USED -> diskUsed = (diskUsed == null ? 0 : diskUsed) + m.value();
                case SeriesNames.DISK_TOTAL -> diskTotal = (diskTotal == null ? 0 : diskTotal) + m.value();
                case SeriesNames.GPU_MEMORY_TOTAL, SeriesNames.GPU_MEMORY_USED -> {
                    String id = SeriesNames.ListSection.GPUS.key(m.key());
                    if (id != null) {
                        if (gpuMemory == null) {
                            gpuMemory = new LinkedHashMap<>();
                        }
                        double[] totalAndUsed = gpuMemory.computeIfAbsent(id, i -> new double[] {Double.NaN, Double.NaN});
                        totalAndUsed[m.key().metric().equals(SeriesNames.GPU_MEMORY_TOTAL) ? 0 : 1] = m.value();
                    }
                }
                default -> {
                    // Not an input of a derived series.
                }
            }
        }
        List<Measurement> derived = new ArrayList<>(0);
        if (swapTotal != null && swapUsed != null && swapTotal > 0) {
            derived.add(Measurement.gauge(SeriesNames.SWAP_PERCENTAGE, percent(swapUsed, swapTotal)));
        }
        if (diskUsed != null) {
            derived.add(Measurement.gauge(SeriesNames.STORAGE_USED, diskUsed));
        }
        if (diskTotal != null) {
            derived.add(Measurement.gauge(SeriesNames.STORAGE_TOTAL, diskTotal));
            if (diskUsed != null && diskTotal > 0) {
                derived.add(Measurement.gauge(SeriesNames.STORAGE_PERCENTAGE, percent(diskUsed, diskTotal)));
            }
        }
        if (gpuMemory != null) {
            gpuMemory.forEach((id, totalAndUsed) -> {
                if (totalAndUsed[0] > 0 && !Double.isNaN(totalAndUsed[1])) {
                    derived.add(Measurement.gauge(SeriesNames.ListSection.GPUS.item("memory_percentage", id),
                            percent(totalAndUsed[1], totalAndUsed[0])));
                }
            });
        }
        return derived;
    }

    /** Capped at 100: a disk may report what it uses but not its size, which leaves it out of the total. */
    private static double percent(double part, double whole) {
        return Math.min(PERCENT, PERCENT * part / whole);
    }
}
