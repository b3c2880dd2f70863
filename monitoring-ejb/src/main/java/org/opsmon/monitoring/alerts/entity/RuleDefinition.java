package org.opsmon.monitoring.alerts.entity;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.opsmon.monitoring.ingest.entity.SeriesKey;
import org.opsmon.monitoring.platform.entity.ColumnSizes;
import org.opsmon.monitoring.platform.entity.RequestProblem;
import org.opsmon.monitoring.platform.entity.TextRule;

/**
 * What a caller asks a rule to be, checked as a whole before anything is stored: every refusal is
 * a 400 whose code names the field. The source is a client's name, resolved by the caller.
 *
 * @param labels the matcher: every label given must be equal on the series; empty matches every
 *               series of the metric, each evaluated on its own (one state per mount, per core…)
 */
public record RuleDefinition(String name, String metric, Map<String, String> labels, String source,
                             Thresholds thresholds, long forS, long renotifyS, boolean enabled) {

    /** A week: longer waits are a mistake more often than a wish. */
    public static final long MAX_FOR_S = 7 * 86_400L;
    public static final long MAX_RENOTIFY_S = 7 * 86_400L;
    public static final long DEFAULT_RENOTIFY_S = 300;

    /** Series names as ingestion makes them: dotted words of letters, digits and underscores. */
    private static final Pattern METRIC = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z0-9_]+)*");

    public RuleDefinition {
        name = name == null ? null : name.strip();
        if (name == null || name.isEmpty()) {
            throw RequestProblem.badRequest("invalid_name", "name is required");
        }
        text("invalid_name", "name", name, ColumnSizes.ALERT_RULE_NAME);
        if (metric == null || metric.isEmpty()) {
            throw RequestProblem.badRequest("invalid_metric", "metric is required, e.g. memory.percentage");
        }
        text("invalid_metric", "metric", metric, ColumnSizes.SERIES_METRIC);
        if (!METRIC.matcher(metric).matches()) {
            throw RequestProblem.badRequest("invalid_metric", "metric must be a series name such as disk.percentage "
                    + "(dotted words of letters, digits and _); got '" + metric + "'");
        }
        labels = labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
        for (Map.Entry<String, String> label : labels.entrySet()) {
            text("invalid_labels", "label name", label.getKey(), TextRule.MAX_LABEL);
            if (label.getKey().isEmpty()) {
                throw RequestProblem.badRequest("invalid_labels", "label names must not be empty");
            }
            text("invalid_labels", "label " + label.getKey(), label.getValue(), TextRule.MAX_LABEL);
        }
        if (SeriesKey.labelsToJson(labels).length() > ColumnSizes.SERIES_LABELS) {
            throw RequestProblem.badRequest("invalid_labels", "labels take more than " + ColumnSizes.SERIES_LABELS
                    + " characters as JSON, more than any series can have");
        }
        if (source != null) {
            text("unknown_source", "source", source, ColumnSizes.CLIENT_NAME);
        }
        if (thresholds == null) {
            throw RequestProblem.badRequest("no_threshold", "A rule needs a warning or a critical threshold, or both");
        }
        if (forS < 0 || forS > MAX_FOR_S) {
            throw RequestProblem.badRequest("invalid_for_s", "for_s must be 0 to " + MAX_FOR_S + " seconds; got " + forS);
        }
        if (renotifyS < 0 || renotifyS > MAX_RENOTIFY_S) {
            throw RequestProblem.badRequest("invalid_renotify_s", "renotify_s must be 0 (never) to " + MAX_RENOTIFY_S
                    + " seconds; got " + renotifyS);
        }
    }

    private static void text(String code, String field, String value, int maxLength) {
        String problem = TextRule.problem(value, maxLength);
        if (problem != null) {
            throw RequestProblem.badRequest(code, field + " " + problem);
        }
    }
}
