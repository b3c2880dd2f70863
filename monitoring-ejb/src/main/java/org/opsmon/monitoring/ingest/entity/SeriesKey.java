package org.opsmon.monitoring.ingest.entity;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.opsmon.monitoring.platform.entity.Jsons;

/**
 * The identity of a series within one source: a metric name and its labels, e.g.
 * {@code processor.per_core_usage{core=3}}. Labels are kept sorted so that equal keys have
 * equal canonical text, which is what the database's unique key compares.
 */
public record SeriesKey(String metric, Map<String, String> labels) {

    public SeriesKey {
        Objects.requireNonNull(metric);
        labels = labels == null || labels.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
    }

    public static SeriesKey of(String metric) {
        return new SeriesKey(metric, Map.of());
    }

    public static SeriesKey of(String metric, String label, String value) {
        return new SeriesKey(metric, Map.of(label, value));
    }

    /** The same labels under another metric name, e.g. a derived rate. */
    public SeriesKey renamed(String newMetric) {
        return new SeriesKey(newMetric, labels);
    }

    /** Canonical JSON of the labels, the form stored in the series table. */
    public String labelsJson() {
        return labelsToJson(labels);
    }

    public static String labelsToJson(Map<String, String> labels) {
        JsonObjectBuilder builder = Jsons.object();
        new TreeMap<>(labels).forEach(builder::add);
        return builder.build().toString();
    }

    public static Map<String, String> labelsFromJson(String json) {
        Map<String, String> labels = new TreeMap<>();
        if (json == null || json.isEmpty()) {
            return labels;
        }
        JsonObject object = Jsons.reader(new StringReader(json)).readObject();
        object.forEach((k, v) -> labels.put(k, ((JsonString) v).getString()));
        return labels;
    }

    @Override
    public String toString() {
        return labels.isEmpty() ? metric : metric + labels;
    }
}
