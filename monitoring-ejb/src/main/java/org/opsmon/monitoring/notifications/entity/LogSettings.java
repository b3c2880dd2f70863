package org.opsmon.monitoring.notifications.entity;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Set;

/** The server log: nothing to set; the log level follows the alert's level. */
public record LogSettings() implements ChannelSettings {

    @Override
    public ChannelType type() {
        return ChannelType.LOG;
    }

    @Override
    public JsonObject storedJson() {
        return JsonValue.EMPTY_JSON_OBJECT;
    }

    @Override
    public JsonObject secretsJson() {
        return JsonValue.EMPTY_JSON_OBJECT;
    }

    static LogSettings read(JsonMembers members) {
        members.only(Set.of(), "a log channel (it has none)");
        return new LogSettings();
    }
}
