package org.opsmon.monitoring.ingest.entity;

import java.time.Instant;
import java.util.List;

/**
 * Fired after a snapshot's samples are committed: what alert evaluation and live dashboards
 * consume, so that neither needs to know where samples come from.
 */
public record SamplesIngested(long clientId, String source, Instant time, List<StoredSample> samples) {

    public SamplesIngested {
        samples = List.copyOf(samples);
    }
}
