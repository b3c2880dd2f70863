package org.opsmon.monitoring.history.boundary;

import java.util.List;
import org.opsmon.monitoring.history.entity.ReportRow;

/** The time report as CSV: a header line, then one line per sample time; empty cells are missing values. */
final class ReportCsv {

    private ReportCsv() {
    }

    static String render(List<ReportRow> rows) {
        List<String> columns = ReportRow.columnNames();
        StringBuilder out = new StringBuilder(64 + rows.size() * 64);
        out.append("unix_time");
        columns.forEach(c -> out.append(',').append(c));
        out.append('\n');
        for (ReportRow row : rows) {
            out.append(HistoryResource.seconds(row.time()));
            for (String column : columns) {
                out.append(',');
                Double value = row.values().get(column);
                if (value != null) {
                    out.append(HistoryResource.round(value));
                }
            }
            out.append('\n');
        }
        return out.toString();
    }
}
