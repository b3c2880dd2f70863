package org.opsmon.monitoring.ingest.boundary;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;
import org.opsmon.monitoring.ingest.entity.IngestResult;
import org.opsmon.monitoring.ingest.entity.SeriesDrops;

/**
 * The answer to a stored request: {@code {"client_id":2,"accepted":1,"duplicates":0,"samples":105,"seqs":[7]}},
 * snapshots newly stored, re-sends recognised, samples written and the sequence numbers acknowledged.
 * When a limit dropped new series, {@code series_dropped}, {@code limit} (its code) and
 * {@code message} say so; the status stays 200 because everything else was stored and sending
 * the same series again would be dropped again.
 */
@JsonbPropertyOrder({"clientId", "accepted", "duplicates", "samples", "seqs", "seriesDropped", "limit", "message"})
public record StoredSnapshots(long clientId, int accepted, int duplicates, int samples, List<Long> seqs,
                              @JsonbNillable(false) Integer seriesDropped, @JsonbNillable(false) String limit,
                              @JsonbNillable(false) String message) {

    static StoredSnapshots of(long clientId, IngestResult result) {
        SeriesDrops drops = result.drops();
        return new StoredSnapshots(clientId, result.accepted(), result.duplicates(), result.samples(), result.seqs(),
                drops.any() ? drops.count() : null, drops.limit(), drops.message());
    }
}
