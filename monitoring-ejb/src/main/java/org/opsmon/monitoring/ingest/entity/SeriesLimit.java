package org.opsmon.monitoring.ingest.entity;

import java.util.Locale;

/**
 * The limits that keep one client from creating series without end. Each has the error code
 * that names it in answers and logs, and the configuration name that sets it.
 */
public enum SeriesLimit {

    SERIES_PER_CLIENT("series_limit", "monitoring.series.max.per.client", "series per client"),
    NEW_PER_MINUTE("new_series_limit", "monitoring.series.max.new.per.minute", "new series per client and minute"),
    LABELS_PER_SERIES("label_limit", "monitoring.series.max.labels", "labels per series"),
    LABEL_VALUE_LENGTH("label_value_limit", "monitoring.series.max.label.length", "characters per label value");

    private final String code;
    private final String property;
    private final String unit;

    SeriesLimit(String code, String property, String unit) {
        this.code = code;
        this.property = property;
        this.unit = unit;
    }

    public String code() {
        return code;
    }

    /** The limit as configured: its name, its environment variable and what it counts. */
    public String named(int value) {
        return "at most " + value + " " + unit + " (" + code + ", " + property.toUpperCase(Locale.ROOT)
                .replace('.', '_') + ")";
    }

    /** A sentence naming the limit and its value, for answers. */
    public String describe(int value, int dropped) {
        return dropped + " new series dropped with their samples: " + named(value)
                + "; samples of existing series were stored";
    }
}
