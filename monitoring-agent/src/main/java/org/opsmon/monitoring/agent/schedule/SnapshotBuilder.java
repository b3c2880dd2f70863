package org.opsmon.monitoring.agent.schedule;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.Map;
import org.opsmon.monitoring.agent.collect.Fields;

/**
 * Assembles the rich snapshot from one round. The field order puts identity first
 * (timestamp, seq) so a truncated log line of a snapshot still says which one it was.
 */
public final class SnapshotBuilder {

    private SnapshotBuilder() {
    }

    public static JsonObject build(long epochMillis, long seq, CollectionScheduler.Round round, JsonObject agent) {
        JsonObjectBuilder b = Fields.object();
        // BigDecimal keeps the plain "1763776000.123" form; a double could print as 1.763776E9.
        b.add("timestamp", BigDecimal.valueOf(epochMillis, 3)).add("seq", seq);
        for (Map.Entry<String, JsonValue> e : round.sections().entrySet()) {
            b.add(e.getKey(), e.getValue());
        }
        JsonArrayBuilder collectors = Fields.array();
        round.statuses().forEach(s -> collectors.add(s.toJson()));
        b.add("collectors", collectors);
        if (agent != null) {
            b.add("agent", agent);
        }
        return b.build();
    }
}
