package org.opsmon.monitoring.ingest.entity;

import java.util.List;
import java.util.Objects;

/**
 * What an ingest request achieved: snapshots newly stored, re-sends recognised, samples written,
 * and the new series a limit dropped (their samples are not stored, everything else is).
 */
public record IngestResult(int accepted, int duplicates, int samples, List<Long> seqs, SeriesDrops drops) {

    public IngestResult {
        seqs = List.copyOf(seqs);
        Objects.requireNonNull(drops);
    }

    public IngestResult(int accepted, int duplicates, int samples, List<Long> seqs) {
        this(accepted, duplicates, samples, seqs, SeriesDrops.NONE);
    }
}
