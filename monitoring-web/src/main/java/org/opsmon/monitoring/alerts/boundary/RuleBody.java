package org.opsmon.monitoring.alerts.boundary;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.opsmon.monitoring.alerts.entity.Comparison;
import org.opsmon.monitoring.alerts.entity.RuleDefinition;
import org.opsmon.monitoring.alerts.entity.Thresholds;
import org.opsmon.monitoring.platform.entity.RequestProblem;

/**
 * Reads a rule from a request body: the types of its members, each refusal naming the member.
 * An unknown member is refused rather than ignored ({@code "for": 60} would otherwise silently
 * mean {@code for_s} 0); {@code id} is allowed so that a rule read with GET can be sent back.
 */
final class RuleBody {

    private static final Set<String> MEMBERS = Set.of("id", "name", "metric", "labels", "source", "comparison",
            "warning", "critical", "clear_warning", "clear_critical", "for_s", "renotify_s", "enabled");

    private RuleBody() {
    }

    static RuleDefinition read(JsonObject body) {
        for (String member : body.keySet()) {
            if (!MEMBERS.contains(member)) {
                throw RequestProblem.badRequest("unknown_field", "Unknown member '" + member + "'; a rule has "
                        + String.join(", ", new java.util.TreeSet<>(MEMBERS)));
            }
        }
        String comparison = text(body, "comparison", "unknown_comparison");
        Thresholds thresholds = Thresholds.of(Comparison.of(comparison), number(body, "warning"),
                number(body, "critical"), number(body, "clear_warning"), number(body, "clear_critical"));
        return new RuleDefinition(text(body, "name", "invalid_name"), text(body, "metric", "invalid_metric"),
                labels(body), text(body, "source", "unknown_source"), thresholds, whole(body, "for_s", 0),
                whole(body, "renotify_s", RuleDefinition.DEFAULT_RENOTIFY_S), enabled(body));
    }

    private static boolean absent(JsonValue value) {
        return value == null || value.getValueType() == JsonValue.ValueType.NULL;
    }

    private static String text(JsonObject body, String name, String code) {
        JsonValue value = body.get(name);
        if (absent(value)) {
            return null;
        }
        if (value instanceof JsonString text) {
            return text.getString();
        }
        throw RequestProblem.badRequest(code, name + " must be a string");
    }

    private static Double number(JsonObject body, String name) {
        JsonValue value = body.get(name);
        if (absent(value)) {
            return null;
        }
        if (value instanceof JsonNumber number) {
            return number.doubleValue();
        }
        throw RequestProblem.badRequest("invalid_" + name, name + " must be a number or null");
    }

    private static long whole(JsonObject body, String name, long fallback) {
        JsonValue value = body.get(name);
        if (absent(value)) {
            return fallback;
        }
        if (value instanceof JsonNumber number && number.isIntegral()) {
            try {
                return number.longValueExact();
            } catch (ArithmeticException tooLarge) {
                // Refused below like any other number out of range.
            }
        }
        throw RequestProblem.badRequest("invalid_" + name, name + " must be a whole number of seconds");
    }

    private static boolean enabled(JsonObject body) {
        JsonValue value = body.get("enabled");
        if (absent(value) || value == JsonValue.TRUE) {
            return true;
        }
        if (value == JsonValue.FALSE) {
            return false;
        }
        throw RequestProblem.badRequest("invalid_enabled", "enabled must be true or false");
    }

    private static Map<String, String> labels(JsonObject body) {
        JsonValue value = body.get("labels");
        if (absent(value)) {
            return Map.of();
        }
        if (!(value instanceof JsonObject object)) {
            throw RequestProblem.badRequest("invalid_labels", "labels must be an object of strings, e.g. {\"path\": \"/\"}");
        }
        Map<String, String> labels = new TreeMap<>();
        object.forEach((name, label) -> {
            if (!(label instanceof JsonString text)) {
                throw RequestProblem.badRequest("invalid_labels", "label " + name + " must be a string");
            }
            labels.put(name, text.getString());
        });
        return labels;
    }
}
