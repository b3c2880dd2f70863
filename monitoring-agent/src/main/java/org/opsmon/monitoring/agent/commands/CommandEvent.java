package org.opsmon.monitoring.agent.commands;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.opsmon.monitoring.agent.collect.Fields;
import org.opsmon.monitoring.agent.text.TextRule;

/** One command a user ran, seen either as a new process or as a new shell history line. */
record CommandEvent(String user, String command, long startedAt, long pid, String source) {

    /** This event with user and command made to obey the text rule; {@code this} when they already do. */
    CommandEvent sanitised() {
        String u = TextRule.sanitise(user, TextRule.MAX_USER);
        String c = TextRule.sanitise(command, TextRule.MAX_COMMAND);
        return u == user && c == command ? this : new CommandEvent(u, c, startedAt, pid, source);
    }

    /**
     * A start time after {@code now} is reported as {@code now}: history timestamps are typed by
     * users, and the server refuses a snapshot that claims to know the future.
     */
    JsonObject toJson(long now) {
        JsonObjectBuilder b = Fields.object()
                .add("user", user)
                .add("command", command)
                .add("started_at", Math.max(0, Math.min(startedAt, now)));
        if (pid > 0) {
            b.add("pid", pid);
        }
        return b.add("source", source).build();
    }
}
