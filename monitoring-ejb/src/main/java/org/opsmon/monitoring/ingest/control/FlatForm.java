package org.opsmon.monitoring.ingest.control;

import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.Set;
import org.opsmon.monitoring.ingest.entity.InvalidSnapshotException;
import org.opsmon.monitoring.ingest.entity.Snapshot;

/**
 * The flat form of the first agents, {@code {"cpu_load":25.9,"mem":6172,"storage":95888,"time":…}}:
 * CPU in percent, memory and storage used in MiB, mapped onto the rich form's series.
 */
final class FlatForm {

    static final Set<String> KEYS = Set.of("cpu_load", "mem", "storage", "time");
    /** mem and storage arrive in MiB; series hold bytes. */
    static final double MIB = 1024.0 * 1024.0;

    private FlatForm() {
    }

    static Snapshot read(JsonFields in, JsonObject json, Instant now) {
        Readings readings = Readings.at(SnapshotParser.time(in, "time", now))
                .gauge(SeriesNames.CPU_USAGE, in.percent("cpu_load"))
                .gauge(SeriesNames.MEMORY_USED, bytes(in, "mem"))
                .gauge(SeriesNames.STORAGE_USED, bytes(in, "storage"));
        if (readings.isEmpty()) {
            throw new InvalidSnapshotException(in.path(), "carries no value: cpu_load, mem or storage is required");
        }
        return readings.build(json);
    }

    private static Double bytes(JsonFields in, String field) {
        Double mib = in.nonNegative(field);
        if (mib == null) {
            return null;
        }
        double bytes = mib * MIB;
        if (Double.isInfinite(bytes)) {
            throw in.invalid(field, "is out of range");
        }
        return bytes;
    }
}
