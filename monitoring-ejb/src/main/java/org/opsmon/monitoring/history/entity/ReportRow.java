package org.opsmon.monitoring.history.entity;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of the time report: the values a source reported at one instant. Sizes are in MiB,
 * as in the flat snapshot form; percentages 0-100; missing values are null.
 */
public record ReportRow(Instant time, Map<String, Double> values) {

    /** Report columns and the series each comes from, with the factor applied to stored values. */
    public static final Map<String, Column> COLUMNS = columns();

    public record Column(String metric, double factor) {
    }

    private static Map<String, Column> columns() {
        double toMib = 1.0 / (1024 * 1024);
        Map<String, Column> columns = new LinkedHashMap<>();
        columns.put("cpu", new Column("processor.usage_percent", 1));
        columns.put("mem", new Column("memory.used", toMib));
        columns.put("storage", new Column("storage.used", toMib));
        columns.put("mem_percent", new Column("memory.percentage", 1));
        columns.put("storage_percent", new Column("storage.percentage", 1));
        columns.put("swap_used", new Column("memory.swap_used", toMib));
        columns.put("load_1", new Column("processor.load_1", 1));
        return java.util.Collections.unmodifiableMap(columns);
    }

    public static List<String> columnNames() {
        return List.copyOf(COLUMNS.keySet());
    }
}
