package org.opsmon.monitoring.history.boundary;

import java.math.BigDecimal;
import org.opsmon.monitoring.history.entity.CommandEntry;

/** A command a user ran on the host; pid is null when the agent could not tell. */
public record CommandRun(String user, String command, BigDecimal startedAt, String source, Long pid) {

    static CommandRun of(CommandEntry entry) {
        return new CommandRun(entry.user(), entry.command(), WireNumbers.seconds(entry.startedAt()), entry.source(),
                entry.pid());
    }
}
