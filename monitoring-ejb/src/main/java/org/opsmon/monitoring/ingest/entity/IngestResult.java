package org.opsmon.monitoring.ingest.entity;

import java.util.List;
import java.util.Objects;

/**
 * What an ingest request achieved: snapshots newly stored, re-sends recognised, samples written,
 * the new series a limit dropped (their samples are not stored, everything else is), and the
 * counter rates discarded as implausible (above their {@link CounterRule} ceiling).
 */
public record IngestResult(int accepted, int duplicates, int samples, List<Long> seqs, SeriesDrops drops,
                           int discardedRates) {

    public IngestResult {
        seqs = List.copyOf(seqs);
        Objects.requireNonNull(drops);
    }

    public IngestResult(int accepted, int duplicates, int samples, List<Long> seqs, SeriesDrops drops) {
        this(accepted, duplicates, samples, seqs, drops, 0);
    }

    public IngestResult(int accepted, int duplicates, int samples, List<Long> seqs) {
        this(accepted, duplicates, samples, seqs, SeriesDrops.NONE);
    }
}
