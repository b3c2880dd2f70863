package org.opsmon.monitoring.history.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opsmon.monitoring.history.entity.ReportRow;
import org.opsmon.monitoring.platform.boundary.JsonNames;

class ReportLineTest {

    @Test
    void jsonFieldsAreTheReportColumnsInTheirOrder() {
        List<String> names = Arrays.stream(ReportLine.class.getRecordComponents()).map(RecordComponent::getName)
                .map(JsonNames.SNAKE_CASE::translateName).toList();
        assertEquals("unix_time", names.get(0));
        assertEquals(ReportRow.columnNames(), names.subList(1, names.size()), "the CSV header is the column list");
    }

    @Test
    void valuesAreRoundedAndMissingOnesStayNull() {
        Map<String, Double> values = new HashMap<>();
        values.put("cpu", 12.34567);
        values.put("load_1", 0.5);
        ReportLine line = ReportLine.of(new ReportRow(Instant.ofEpochMilli(1_795_313_237_500L), values));
        assertEquals("1795313237.5", line.unixTime().toString());
        assertEquals(Arrays.asList(12.346, null, null, null, null, null, 0.5), line.values());
        assertEquals("1795313237", ReportLine.of(new ReportRow(Instant.ofEpochSecond(1_795_313_237L), values))
                .unixTime().toString());
    }
}
