package org.opsmon.monitoring.notifications.entity;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.opsmon.monitoring.alerts.entity.AlertChange;
import org.opsmon.monitoring.alerts.entity.AlertChanged;
import org.opsmon.monitoring.alerts.entity.AlertLevel;
import org.opsmon.monitoring.platform.entity.Jsons;

/**
 * One alert change as a notification carries it: what the outbox stores (as JSON) and what every
 * channel renders. It is a copy of the event, so a message says what was true when the change
 * happened even when it is delivered after retries.
 */
public record AlertNote(long alertId, AlertChange change, AlertLevel level, AlertLevel previousLevel, String rule,
        String source, String metric, Map<String, String> labels, double value, double threshold, String message,
        Instant time, Instant startedAt) {

    public AlertNote {
        labels = labels == null ? Map.of() : Map.copyOf(new TreeMap<>(labels));
    }

    public static AlertNote of(AlertChanged event) {
        return new AlertNote(event.alertId(), event.change(), event.level(), event.previousLevel(), event.ruleName(),
                event.source(), event.metric(), event.labels(), event.value(), event.threshold(), event.message(),
                event.time(), event.startedAt());
    }

    /** The part of the system the alert is about: the metric's first segment. */
    public String component() {
        int dot = metric.indexOf('.');
        return dot < 0 ? metric : metric.substring(0, dot);
    }

    public boolean resolved() {
        return change == AlertChange.RESOLVED;
    }

    /** {@code metric{label=value,…}} as series are written elsewhere. */
    public String series() {
        if (labels.isEmpty()) {
            return metric;
        }
        StringBuilder out = new StringBuilder(metric).append('{');
        new TreeMap<>(labels).forEach((k, v) -> out.append(k).append('=').append(v).append(','));
        out.setLength(out.length() - 1);
        return out.append('}').toString();
    }

    public JsonObject toJson() {
        JsonObjectBuilder labelsJson = Jsons.object();
        new TreeMap<>(labels).forEach(labelsJson::add);
        JsonObjectBuilder json = Jsons.object()
                .add("alert_id", alertId)
                .add("change", change.name())
                .add("level", level.name());
        if (previousLevel == null) {
            json.addNull("previous_level");
        } else {
            json.add("previous_level", previousLevel.name());
        }
        json.add("rule", rule == null ? "" : rule)
                .add("source", source == null ? "" : source)
                .add("metric", metric)
                .add("labels", labelsJson)
                .add("value", finite(value))
                .add("threshold", finite(threshold))
                .add("message", message == null ? "" : message)
                .add("time", time == null ? "" : time.toString());
        if (startedAt == null) {
            json.addNull("started_at");
        } else {
            json.add("started_at", startedAt.toString());
        }
        return json.build();
    }

    public static AlertNote fromJson(JsonObject json) {
        Map<String, String> labels = new TreeMap<>();
        json.getJsonObject("labels").forEach((k, v) -> labels.put(k, ((jakarta.json.JsonString) v).getString()));
        String previous = json.isNull("previous_level") ? null : json.getString("previous_level");
        String started = json.isNull("started_at") ? null : json.getString("started_at");
        String time = json.getString("time");
        return new AlertNote(json.getJsonNumber("alert_id").longValue(), AlertChange.valueOf(json.getString("change")),
                AlertLevel.valueOf(json.getString("level")), previous == null ? null : AlertLevel.valueOf(previous),
                json.getString("rule"), json.getString("source"), json.getString("metric"), labels,
                number(json.get("value")), number(json.get("threshold")), json.getString("message"),
                time.isEmpty() ? null : Instant.parse(time), started == null ? null : Instant.parse(started));
    }

    /** The outbox column: a JSON array of notes. */
    public static String toJsonArray(List<AlertNote> notes) {
        JsonArrayBuilder array = Jsons.array();
        notes.forEach(note -> array.add(note.toJson()));
        return array.build().toString();
    }

    public static List<AlertNote> fromJsonArray(String text) {
        JsonArray array = Jsons.reader(new StringReader(text)).readArray();
        List<AlertNote> notes = new ArrayList<>(array.size());
        for (JsonValue value : array) {
            notes.add(fromJson(value.asJsonObject()));
        }
        return notes;
    }

    private static JsonValue finite(double value) {
        return Double.isFinite(value) ? Jsons.value(value) : JsonValue.NULL;
    }

    private static double number(JsonValue value) {
        return value instanceof JsonNumber number ? number.doubleValue() : Double.NaN;
    }
}
