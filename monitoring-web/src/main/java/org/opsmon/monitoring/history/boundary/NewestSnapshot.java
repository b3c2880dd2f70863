package org.opsmon.monitoring.history.boundary;

import jakarta.json.JsonValue;
import java.math.BigDecimal;

/** A client's newest snapshot exactly as it was sent, with its time and the client's last-seen time. */
public record NewestSnapshot(long clientId, String name, BigDecimal timestamp, String lastSeen, JsonValue snapshot) {
}
