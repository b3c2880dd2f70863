package org.opsmon.monitoring.ingest.boundary;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * {@code {"type":"error","code":…,"message":…,"seq":N}}: a frame the stream could not store, with
 * the API's error codes. {@code seq} names the refused snapshot and is left out when unknown.
 */
@JsonbPropertyOrder({"type", "code", "message", "seq"})
public record StreamError(String type, String code, String message, @JsonbNillable(false) Long seq) {

    static StreamError of(String code, String message, Long seq) {
        return new StreamError("error", code, message, seq);
    }
}
