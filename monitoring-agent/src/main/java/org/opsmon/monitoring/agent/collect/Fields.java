package org.opsmon.monitoring.agent.collect;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import org.opsmon.monitoring.agent.text.TextRule;

/**
 * Guards the snapshot contract in one place: JSON has no NaN/Infinity, sizes are never negative,
 * percentages stay within 0–100, text obeys {@link TextRule}. A value that cannot honour that is
 * left out rather than faked; text is rewritten to conform, because dropping it would lose the item.
 */
public final class Fields {

    /** Looking the provider up once matters: {@code Json.create…} repeats a ServiceLoader scan per call. */
    public static final JsonProvider JSON = JsonProvider.provider();

    private Fields() {
    }

    public static JsonObjectBuilder object() {
        return JSON.createObjectBuilder();
    }

    public static JsonArrayBuilder array() {
        return JSON.createArrayBuilder();
    }

    public static void number(JsonObjectBuilder b, String key, double value) {
        if (Double.isFinite(value)) {
            b.add(key, round2(value));
        }
    }

    public static void size(JsonObjectBuilder b, String key, long value) {
        if (value >= 0) {
            b.add(key, value);
        }
    }

    public static void percent(JsonObjectBuilder b, String key, double value) {
        if (Double.isFinite(value)) {
            b.add(key, round2(clampPercent(value)));
        }
    }

    /** Free text (hostname, OS name, filesystem type…); absent when empty. */
    public static void text(JsonObjectBuilder b, String key, String value) {
        if (value != null && !value.isEmpty()) {
            b.add(key, TextRule.sanitise(value, TextRule.MAX_TEXT));
        }
    }

    /** The key of a list item (mount path, device, interface): always present, since the item is named by it. */
    public static JsonObjectBuilder label(JsonObjectBuilder b, String key, String value) {
        return b.add(key, TextRule.sanitise(value == null ? "" : value, TextRule.MAX_LABEL));
    }

    public static double clampPercent(double value) {
        return Math.max(0.0, Math.min(100.0, value));
    }

    /** Two decimals are more precision than any of these readings has, and keep snapshots small. */
    public static double round2(double v) {
        return Math.abs(v) < 1e13 ? Math.round(v * 100.0) / 100.0 : v;
    }

    /** Percentage of part in whole, NaN when whole is not positive (the caller then omits it). */
    public static double ratioPercent(double part, double whole) {
        return whole > 0 ? clampPercent(part * 100.0 / whole) : Double.NaN;
    }
}
