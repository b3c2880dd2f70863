package org.opsmon.monitoring.ingest.boundary;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** {@code {"type":"ack","seq":N}}: the snapshot with this sequence number is stored. */
@JsonbPropertyOrder({"type", "seq"})
public record StreamAck(String type, long seq) {

    static StreamAck of(long seq) {
        return new StreamAck("ack", seq);
    }
}
