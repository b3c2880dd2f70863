package org.opsmon.monitoring.ingest.boundary;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;
import org.opsmon.monitoring.ingest.entity.IngestResult;

/**
 * The answer to a stored request: {@code {"client_id":2,"accepted":1,"duplicates":0,"samples":105,"seqs":[7]}},
 * snapshots newly stored, re-sends recognised, samples written and the sequence numbers acknowledged.
 */
@JsonbPropertyOrder({"clientId", "accepted", "duplicates", "samples", "seqs"})
public record StoredSnapshots(long clientId, int accepted, int duplicates, int samples, List<Long> seqs) {

    static StoredSnapshots of(long clientId, IngestResult result) {
        return new StoredSnapshots(clientId, result.accepted(), result.duplicates(), result.samples(), result.seqs());
    }
}
