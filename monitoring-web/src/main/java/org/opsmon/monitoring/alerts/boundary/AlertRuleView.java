package org.opsmon.monitoring.alerts.boundary;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.opsmon.monitoring.alerts.entity.AlertRule;
import org.opsmon.monitoring.alerts.entity.Thresholds;

/** A rule as the API shows it; clear thresholds as they apply (equal to the trigger when none was given). */
@Schema(description = "An alert rule: the series it watches, its thresholds, how long a breach must last")
public record AlertRuleView(long id, String name, String metric, Map<String, String> labels, String source,
                            String comparison, Double warning, Double critical, Double clearWarning,
                            Double clearCritical, long forS, long renotifyS, boolean enabled, String createdAt,
                            String updatedAt) {

    static AlertRuleView of(AlertRule rule) {
        Thresholds t = rule.thresholds();
        return new AlertRuleView(rule.id(), rule.name(), rule.metric(), rule.labels(),
                rule.source() == null ? null : rule.source().name(), t.comparison().symbol(), t.warning(),
                t.critical(), t.clearWarning(), t.clearCritical(), rule.forS(), rule.renotifyS(), rule.enabled(),
                rule.createdAt().toInstant().toString(), rule.updatedAt().toInstant().toString());
    }
}
