package org.opsmon.monitoring.ingest.entity;

import java.util.List;

/** What an ingest request achieved: snapshots newly stored, re-sends recognised, samples written. */
public record IngestResult(int accepted, int duplicates, int samples, List<Long> seqs) {

    public IngestResult {
        seqs = List.copyOf(seqs);
    }
}
