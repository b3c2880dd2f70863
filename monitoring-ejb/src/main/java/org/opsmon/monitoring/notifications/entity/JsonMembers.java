package org.opsmon.monitoring.notifications.entity;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.opsmon.monitoring.platform.entity.RequestProblem;
import org.opsmon.monitoring.platform.entity.TextRule;

/**
 * Typed reads of one JSON object of a request (a channel's {@code settings}, its {@code filters})
 * whose refusals name the member by its path, e.g. {@code settings.port must be a whole number
 * from 1 to 65535}, under one error code. Absent and {@code null} members read as absent.
 */
public final class JsonMembers {

    private final JsonObject object;
    private final String path;
    private final String code;

    public JsonMembers(JsonObject object, String path, String code) {
        this.object = object == null ? JsonValue.EMPTY_JSON_OBJECT : object;
        this.path = path;
        this.code = code;
    }

    /** Refuses members other than {@code allowed}, naming the first unknown one. */
    public JsonMembers only(Set<String> allowed, String what) {
        for (String name : new TreeSet<>(object.keySet())) {
            if (!allowed.contains(name)) {
                throw problem(name, "is not a setting of " + what + " (known: " + String.join(", ", new TreeSet<>(allowed))
                        + ")");
            }
        }
        return this;
    }

    public boolean has(String name) {
        JsonValue value = object.get(name);
        return value != null && value.getValueType() != JsonValue.ValueType.NULL;
    }

    /** A string member of at most {@code maxLength} characters following the text rule; null when absent. */
    public String text(String name, int maxLength) {
        if (!has(name)) {
            return null;
        }
        if (!(object.get(name) instanceof JsonString string)) {
            throw problem(name, "must be a string");
        }
        String value = string.getString();
        String wrong = TextRule.problem(value, maxLength);
        if (wrong != null) {
            throw problem(name, wrong);
        }
        return value;
    }

    public String requiredText(String name, int maxLength) {
        String value = text(name, maxLength);
        if (value == null || value.isBlank()) {
            throw problem(name, "is required");
        }
        return value;
    }

    /** A whole number from {@code min} to {@code max}; {@code fallback} when absent. */
    public long number(String name, long min, long max, long fallback) {
        if (!has(name)) {
            return fallback;
        }
        if (!(object.get(name) instanceof JsonNumber number) || !number.isIntegral()) {
            throw problem(name, "must be a whole number from " + min + " to " + max);
        }
        long value;
        try {
            value = number.longValueExact();
        } catch (ArithmeticException e) {
            throw problem(name, "must be a whole number from " + min + " to " + max);
        }
        if (value < min || value > max) {
            throw problem(name, "must be a whole number from " + min + " to " + max + ", got " + value);
        }
        return value;
    }

    public JsonMembers object(String name) {
        if (!has(name)) {
            return null;
        }
        if (!(object.get(name) instanceof JsonObject inner)) {
            throw problem(name, "must be an object");
        }
        return new JsonMembers(inner, path + "." + name, code);
    }

    /** A list of at most {@code maxItems} non-blank strings; empty when absent. */
    public List<String> texts(String name, int maxItems, int maxLength) {
        if (!has(name)) {
            return List.of();
        }
        if (!(object.get(name) instanceof JsonArray array)) {
            throw problem(name, "must be a list of strings");
        }
        if (array.size() > maxItems) {
            throw problem(name, "may hold at most " + maxItems + " entries");
        }
        List<String> values = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof JsonString string) || string.getString().isBlank()) {
                throw problem(name + "[" + i + "]", "must be a non-empty string");
            }
            String wrong = TextRule.problem(string.getString(), maxLength);
            if (wrong != null) {
                throw problem(name + "[" + i + "]", wrong);
            }
            values.add(string.getString());
        }
        return List.copyOf(values);
    }

    /** An object of string members, in the given order; null when absent. */
    public Map<String, String> textMap(String name, int maxEntries, int maxLength) {
        JsonMembers inner = object(name);
        if (inner == null) {
            return null;
        }
        if (inner.object.size() > maxEntries) {
            throw problem(name, "may hold at most " + maxEntries + " entries");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : inner.object.keySet()) {
            String wrong = TextRule.problem(key, maxLength);
            if (wrong != null) {
                throw inner.problem(key, "name " + wrong);
            }
            values.put(key, inner.requiredText(key, maxLength));
        }
        return values;
    }

    public RequestProblem problem(String member, String what) {
        return RequestProblem.badRequest(code, path + "." + member + " " + what);
    }
}
