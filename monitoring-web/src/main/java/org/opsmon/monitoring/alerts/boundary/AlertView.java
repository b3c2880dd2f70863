package org.opsmon.monitoring.alerts.boundary;

import java.time.OffsetDateTime;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.opsmon.monitoring.alerts.entity.Alert;

/**
 * An alert as the API shows it. {@code value} and {@code threshold} are those of its latest
 * change (for a resolved alert: the value that resolved it and the clear threshold);
 * {@code started_at} is null while pending.
 */
@Schema(description = "An alert: one episode of one series breaching one rule")
public record AlertView(long id, Long ruleId, String rule, long clientId, String source, String metric,
                        Map<String, String> labels, String level, String state, double value, double threshold,
                        String pendingSince, String startedAt, String resolvedAt, String message,
                        String acknowledgedBy, String acknowledgedAt) {

    static AlertView of(Alert alert) {
        return new AlertView(alert.id(), alert.ruleId(), alert.ruleName(), alert.client().id(), alert.client().name(),
                alert.metric(), alert.labels(), alert.level().name(), alert.state().code(), alert.value(),
                alert.threshold(), time(alert.pendingSince()), time(alert.startedAt()), time(alert.resolvedAt()),
                alert.message(), alert.acknowledgedBy(), time(alert.acknowledgedAt()));
    }

    private static String time(OffsetDateTime time) {
        return time == null ? null : time.toInstant().toString();
    }
}
