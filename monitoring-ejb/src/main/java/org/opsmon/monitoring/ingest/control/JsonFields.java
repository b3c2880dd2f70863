package org.opsmon.monitoring.ingest.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.opsmon.monitoring.ingest.control.SeriesNames.ListSection;
import org.opsmon.monitoring.ingest.entity.InvalidSnapshotException;
import org.opsmon.monitoring.platform.entity.ColumnSizes;
import org.opsmon.monitoring.platform.entity.TextRule;

/**
 * Typed access to the members of one JSON object that knows where the object sits in the
 * request, so every refusal names the field, e.g. {@code [2].disk[0].percentage}. A member
 * that is null counts as absent. Lists and strings are bounded here, whatever the schema; the
 * {@link TextRule} is checked once for the whole body ({@link #followsTextRule}).
 */
final class JsonFields {

    static final int MAX_LIST_ITEMS = 4096;
    static final int MAX_TEXT_LENGTH = TextRule.MAX_TEXT;
    static final int MAX_LABEL_LENGTH = TextRule.MAX_LABEL;
    /** Above this a double no longer holds every whole number exactly. */
    private static final double MAX_WHOLE_NUMBER = 9.0e18;
    private static final int MAX_NUMERIC_LABEL_DIGITS = 18;

    private final JsonObject json;
    private final String path;

    JsonFields(JsonObject json, String path) {
        this.json = json;
        this.path = path;
    }

    String path() {
        return path;
    }

    String path(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    /** A refusal of one member, with its path. */
    InvalidSnapshotException invalid(String field, String problem) {
        return new InvalidSnapshotException(path(field), problem);
    }

    boolean has(String field) {
        JsonValue value = json.get(field);
        return value != null && value.getValueType() != JsonValue.ValueType.NULL;
    }

    JsonFields object(String field) {
        if (!has(field)) {
            return null;
        }
        if (!(json.get(field) instanceof JsonObject object)) {
            throw invalid(field, "must be an object");
        }
        return new JsonFields(object, path(field));
    }

    JsonArray array(String field) {
        if (!has(field)) {
            return null;
        }
        if (!(json.get(field) instanceof JsonArray array)) {
            throw invalid(field, "must be an array");
        }
        if (array.size() > MAX_LIST_ITEMS) {
            throw invalid(field, "has more than " + MAX_LIST_ITEMS + " items");
        }
        return array;
    }

    /** The items of a list of objects; null when the list is absent. */
    List<JsonFields> objects(String field) {
        JsonArray array = array(field);
        if (array == null) {
            return null;
        }
        List<JsonFields> items = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String itemPath = path(field) + "[" + i + "]";
            if (!(array.get(i) instanceof JsonObject object)) {
                throw new InvalidSnapshotException(itemPath, "must be an object");
            }
            items.add(new JsonFields(object, itemPath));
        }
        return items;
    }

    Double number(String field) {
        if (!has(field)) {
            return null;
        }
        return finite(json.get(field), path(field));
    }

    Double nonNegative(String field) {
        Double value = number(field);
        if (value != null && value < 0) {
            throw invalid(field, "must not be negative, got " + plain(value));
        }
        return value;
    }

    Double percent(String field) {
        return range(field, 0, 100);
    }

    Double range(String field, double min, double max) {
        Double value = number(field);
        if (value != null && (value < min || value > max)) {
            throw invalid(field, "must be between " + plain(min) + " and " + plain(max) + ", got " + plain(value));
        }
        return value;
    }

    /** Item {@code index} of a list of percentages. */
    double percentAt(JsonArray array, int index, String field) {
        String where = path(field) + "[" + index + "]";
        double value = finite(array.get(index), where);
        if (value < 0 || value > 100) {
            throw new InvalidSnapshotException(where, "must be between 0 and 100, got " + plain(value));
        }
        return value;
    }

    /** A whole, non-negative number as a double, the type of a sample. */
    Double count(String field) {
        Long value = wholeNumber(field);
        return value == null ? null : value.doubleValue();
    }

    Long wholeNumber(String field) {
        Double value = nonNegative(field);
        if (value == null) {
            return null;
        }
        if (value != Math.rint(value) || value > MAX_WHOLE_NUMBER) {
            throw invalid(field, "must be a whole number, got " + plain(value));
        }
        return value.longValue();
    }

    Boolean bool(String field) {
        if (!has(field)) {
            return null;
        }
        JsonValue value = json.get(field);
        if (value == JsonValue.TRUE) {
            return true;
        }
        if (value == JsonValue.FALSE) {
            return false;
        }
        throw invalid(field, "must be true or false, got " + describe(value));
    }

    String string(String field) {
        return string(field, MAX_TEXT_LENGTH);
    }

    String string(String field, int maxLength) {
        if (!has(field)) {
            return null;
        }
        String value = text(field);
        if (value.length() > maxLength) {
            throw invalid(field, "is longer than " + maxLength + " characters");
        }
        return value;
    }

    /** Checks descriptive members that are kept as sent but must be strings when present. */
    void strings(String... fields) {
        for (String field : fields) {
            string(field);
        }
    }

    String requiredString(String field, int maxLength) {
        if (!has(field)) {
            throw invalid(field, "is required");
        }
        String value = text(field);
        if (value.isEmpty()) {
            throw invalid(field, "must not be empty");
        }
        if (value.length() > maxLength) {
            throw invalid(field, "is longer than " + maxLength + " characters");
        }
        return value;
    }

    /**
     * The key field that labels an item of {@code section} (path, interface, device...): at most
     * {@link #MAX_LABEL_LENGTH} characters, and short enough that the series' labels, written as
     * canonical JSON with their escapes, fit their column.
     */
    String label(ListSection section) {
        return fitsLabels(section, requiredString(section.keyField(), MAX_LABEL_LENGTH));
    }

    /** A label that may also be sent as a whole number (GPU ids), written without a fraction. */
    String labelOrNumber(ListSection section) {
        String field = section.keyField();
        if (has(field) && json.get(field) instanceof JsonNumber number) {
            BigDecimal value = number.bigDecimalValue().stripTrailingZeros();
            if (value.scale() > 0 || value.signum() < 0 || value.precision() - value.scale() > MAX_NUMERIC_LABEL_DIGITS) {
                throw invalid(field, "must be a string or a whole number below 10^" + MAX_NUMERIC_LABEL_DIGITS);
            }
            return value.toPlainString();
        }
        return label(section);
    }

    private String fitsLabels(ListSection section, String key) {
        int encoded = section.labelsJsonLength(key);
        if (encoded > ColumnSizes.SERIES_LABELS) {
            throw invalid(section.keyField(), "takes " + encoded + " characters as the series' labels JSON, more than "
                    + ColumnSizes.SERIES_LABELS);
        }
        return key;
    }

    private String text(String field) {
        if (!(json.get(field) instanceof JsonString text)) {
            throw invalid(field, "must be a string, got " + describe(json.get(field)));
        }
        return text.getString();
    }

    /**
     * Checks every member name and string of a body against the {@link TextRule}, unknown members
     * included: they are kept in the stored snapshot, where a lone surrogate would silently turn
     * into {@code ?}. The first violation is refused with its path.
     */
    static void followsTextRule(JsonValue value, String path) {
        if (value instanceof JsonString text) {
            String violation = TextRule.violation(text.getString());
            if (violation != null) {
                throw new InvalidSnapshotException(path, violation);
            }
        } else if (value instanceof JsonObject object) {
            for (var member : object.entrySet()) {
                String violation = TextRule.violation(member.getKey());
                if (violation != null) {
                    throw new InvalidSnapshotException(path, "has a member name that " + violation);
                }
                followsTextRule(member.getValue(), path.isEmpty() ? member.getKey() : path + "." + member.getKey());
            }
        } else if (value instanceof JsonArray array) {
            for (int i = 0; i < array.size(); i++) {
                followsTextRule(array.get(i), path + "[" + i + "]");
            }
        }
    }

    private static double finite(JsonValue value, String where) {
        if (!(value instanceof JsonNumber number)) {
            throw new InvalidSnapshotException(where, "must be a number, got " + describe(value));
        }
        double result = number.bigDecimalValue().doubleValue();
        if (Double.isInfinite(result) || Double.isNaN(result)) {
            throw new InvalidSnapshotException(where, "is out of range");
        }
        return result;
    }

    private static String describe(JsonValue value) {
        return switch (value.getValueType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case TRUE, FALSE -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
        };
    }

    /** Whole numbers without ".0", as people write them in messages. */
    static String plain(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? String.valueOf((long) value) : String.valueOf(value);
    }
}
