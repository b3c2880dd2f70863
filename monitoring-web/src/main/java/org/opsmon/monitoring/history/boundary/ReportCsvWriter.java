package org.opsmon.monitoring.history.boundary;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import org.opsmon.monitoring.history.entity.ReportRow;

/**
 * The time report as CSV, a download named after the client: a header line, then one line per
 * sample time; an empty cell is a value the client did not report.
 */
@Provider
@Produces(TimeResource.CSV)
public class ReportCsvWriter implements MessageBodyWriter<TimeReport> {

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == TimeReport.class;
    }

    @Override
    public void writeTo(TimeReport report, Class<?> type, Type genericType, Annotation[] annotations,
                        MediaType mediaType, MultivaluedMap<String, Object> headers, OutputStream entityStream)
            throws IOException {
        headers.putSingle("Content-Disposition", "attachment; filename=\"" + report.clientName() + "-report.csv\"");
        Writer out = new BufferedWriter(new OutputStreamWriter(entityStream, StandardCharsets.UTF_8));
        out.write("unix_time");
        for (String column : ReportRow.columnNames()) {
            out.write(',');
            out.write(column);
        }
        out.write('\n');
        for (ReportLine line : report.payload()) {
            out.write(String.valueOf(line.unixTime()));
            for (Double value : line.values()) {
                out.write(',');
                if (value != null) {
                    out.write(value.toString());
                }
            }
            out.write('\n');
        }
        out.flush();
    }
}
