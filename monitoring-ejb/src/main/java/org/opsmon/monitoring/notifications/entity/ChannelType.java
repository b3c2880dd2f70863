package org.opsmon.monitoring.notifications.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.opsmon.monitoring.platform.entity.RequestProblem;

/** Where a channel sends: its name is how the API and the database spell it. */
public enum ChannelType {
    LOG,
    FILE,
    EMAIL,
    WEBHOOK,
    SLACK;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ChannelType of(String name) {
        if (name == null || name.isBlank()) {
            throw RequestProblem.badRequest("invalid_type", "type is required: one of " + names());
        }
        for (ChannelType type : values()) {
            if (type.wireName().equals(name)) {
                return type;
            }
        }
        throw RequestProblem.badRequest("invalid_type", "type must be one of " + names());
    }

    static String names() {
        return Arrays.stream(values()).map(ChannelType::wireName).collect(Collectors.joining(", "));
    }
}
