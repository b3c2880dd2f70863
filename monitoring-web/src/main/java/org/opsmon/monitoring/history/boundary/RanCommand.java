package org.opsmon.monitoring.history.boundary;

import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.opsmon.monitoring.history.entity.CommandEntry;

/** A command a user ran on the host; pid is null when the agent could not tell. */
@Schema(description = "A command a user ran on the host")
public record RanCommand(String user, String command, BigDecimal startedAt, String source, Long pid) {

    static RanCommand of(CommandEntry entry) {
        return new RanCommand(entry.user(), entry.command(), WireNumbers.seconds(entry.startedAt()), entry.source(),
                entry.pid());
    }
}
