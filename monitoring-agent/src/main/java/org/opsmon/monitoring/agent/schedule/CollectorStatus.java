package org.opsmon.monitoring.agent.schedule;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.opsmon.monitoring.agent.collect.Fields;

/** How one run of one collector went, as reported in {@code collectors[]}. */
public record CollectorStatus(String name, boolean success, long durationMs, String error) {

    JsonObject toJson() {
        JsonObjectBuilder b = Fields.object().add("name", name).add("success", success).add("duration_ms", durationMs);
        if (error != null) {
            b.add("error", error);
        }
        return b.build();
    }
}
