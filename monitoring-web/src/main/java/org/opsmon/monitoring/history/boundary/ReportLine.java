package org.opsmon.monitoring.history.boundary;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.opsmon.monitoring.history.entity.ReportRow;

/**
 * One row of the time report; a value the client did not report at that time is null. The
 * components follow {@link ReportRow#COLUMNS} in name and order, which the CSV relies on.
 */
public record ReportLine(BigDecimal unixTime, Double cpu, Double mem, Double storage, Double memPercent,
                         Double storagePercent, Double swapUsed, Double load1) {

    static ReportLine of(ReportRow row) {
        Double[] values = ReportRow.columnNames().stream().map(row.values()::get).map(WireNumbers::rounded)
                .toArray(Double[]::new);
        return new ReportLine(WireNumbers.seconds(row.time()), values[0], values[1], values[2], values[3], values[4],
                values[5], values[6]);
    }

    /** The values in column order, for the CSV. */
    List<Double> values() {
        return Arrays.asList(cpu, mem, storage, memPercent, storagePercent, swapUsed, load1);
    }
}
