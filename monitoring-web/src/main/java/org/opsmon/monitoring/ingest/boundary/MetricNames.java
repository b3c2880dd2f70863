package org.opsmon.monitoring.ingest.boundary;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/** {@code {"client_id":2,"metrics":["memory.used",…]}}: the metric names stored for a client. */
@JsonbPropertyOrder({"clientId", "metrics"})
public record MetricNames(long clientId, List<String> metrics) {
}
