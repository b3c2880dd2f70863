package org.opsmon.monitoring.history.boundary;

import jakarta.json.bind.annotation.JsonbTransient;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The time report of one client, as JSON or (through {@link ReportCsvWriter}) as CSV. */
@Schema(description = "The time report of one client")
public record TimeReport(long clientId,
                         // Names the CSV download; not part of the JSON answer.
                         @JsonbTransient @Schema(hidden = true) String clientName,
                         List<ReportLine> payload) {
}
