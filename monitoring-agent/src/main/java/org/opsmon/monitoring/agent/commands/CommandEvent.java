package org.opsmon.monitoring.agent.commands;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.opsmon.monitoring.agent.collect.Fields;

/** One command a user ran, seen either as a new process or as a new shell history line. */
record CommandEvent(String user, String command, long startedAt, long pid, String source) {

    /** Long pipelines and generated command lines would otherwise dominate a snapshot. */
    static final int MAX_COMMAND_CHARS = 4096;

    JsonObject toJson() {
        String c = command.length() > MAX_COMMAND_CHARS ? command.substring(0, MAX_COMMAND_CHARS) : command;
        JsonObjectBuilder b = Fields.object()
                .add("user", user)
                .add("command", c)
                .add("started_at", startedAt);
        if (pid > 0) {
            b.add("pid", pid);
        }
        return b.add("source", source).build();
    }
}
