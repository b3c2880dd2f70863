package org.opsmon.monitoring.alerts.entity;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A rule as the evaluator holds it in memory: an immutable copy of {@link AlertRule}, shared by
 * the threads that evaluate snapshots, so a rule being edited is never seen half-changed.
 *
 * @param sourceClientId the one client the rule watches, null for every source
 */
public record ActiveRule(long id, String name, String metric, Map<String, String> labels, Long sourceClientId,
                         Thresholds thresholds, long forS, long renotifyS, boolean enabled) {

    public ActiveRule {
        Objects.requireNonNull(name);
        Objects.requireNonNull(metric);
        Objects.requireNonNull(thresholds);
        labels = labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
    }

    /** True when this rule evaluates the given series of the given client. */
    public boolean selects(long clientId, String seriesMetric, Map<String, String> seriesLabels) {
        if (!enabled || !metric.equals(seriesMetric) || (sourceClientId != null && sourceClientId != clientId)) {
            return false;
        }
        for (Map.Entry<String, String> label : labels.entrySet()) {
            if (!label.getValue().equals(seriesLabels.get(label.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
