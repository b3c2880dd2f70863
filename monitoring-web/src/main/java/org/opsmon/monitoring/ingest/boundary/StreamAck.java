package org.opsmon.monitoring.ingest.boundary;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.opsmon.monitoring.ingest.entity.SeriesDrops;

/**
 * {@code {"type":"ack","seq":N}}: the snapshot with this sequence number is stored. The ack of a
 * frame's last numbered snapshot carries {@code series_dropped}, {@code limit} and {@code message}
 * when a limit dropped new series of that frame, as the HTTP answer does.
 */
@JsonbPropertyOrder({"type", "seq", "seriesDropped", "limit", "message"})
public record StreamAck(String type, long seq, @JsonbNillable(false) Integer seriesDropped,
                        @JsonbNillable(false) String limit, @JsonbNillable(false) String message) {

    static StreamAck of(long seq, SeriesDrops drops) {
        return new StreamAck("ack", seq, drops.any() ? drops.count() : null, drops.limit(), drops.message());
    }
}
