package org.opsmon.monitoring.notifications.entity;

import jakarta.json.JsonObject;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.opsmon.monitoring.platform.entity.Jsons;

/**
 * The hours of the day a channel wants notifications, in a time zone: from {@code from}
 * (included) to {@code to} (excluded), on the wall clock of {@code zone}. A window whose end is
 * before its start crosses midnight: 22:00–06:00 is the night. Wall-clock times make a window
 * follow daylight saving time, as the people on call do.
 */
public record TimeWindow(LocalTime from, LocalTime to, ZoneId zone) {

    private static final Pattern HH_MM = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("HH:mm");

    public TimeWindow {
        Objects.requireNonNull(from);
        Objects.requireNonNull(to);
        Objects.requireNonNull(zone);
        if (from.equals(to)) {
            throw new IllegalArgumentException("An empty window");
        }
    }

    public boolean contains(Instant instant) {
        LocalTime time = instant.atZone(zone).toLocalTime();
        if (from.isBefore(to)) {
            return !time.isBefore(from) && time.isBefore(to);
        }
        return !time.isBefore(from) || time.isBefore(to);
    }

    public JsonObject toJson() {
        return Jsons.object().add("from", FORMAT.format(from)).add("to", FORMAT.format(to)).add("zone", zone.getId())
                .build();
    }

    /** The window a request gives under {@code members} (its path, e.g. filters.window), validated. */
    static TimeWindow read(JsonMembers members) {
        members.only(Set.of("from", "to", "zone"), "a time window");
        LocalTime from = time(members, "from");
        LocalTime to = time(members, "to");
        String zoneId = members.requiredText("zone", 64);
        ZoneId zone;
        try {
            zone = ZoneId.of(zoneId);
        } catch (DateTimeException e) {
            throw members.problem("zone", "is not a known time zone: '" + zoneId + "' (use a name such as Europe/Paris or UTC)");
        }
        if (from.equals(to)) {
            throw members.problem("to", "must differ from from (leave the window out to be notified at any hour)");
        }
        return new TimeWindow(from, to, zone);
    }

    private static LocalTime time(JsonMembers members, String name) {
        String text = members.requiredText(name, 5);
        if (!HH_MM.matcher(text).matches()) {
            throw members.problem(name, "must be a time of day as HH:MM from 00:00 to 23:59, got '" + text + "'");
        }
        return LocalTime.parse(text, FORMAT);
    }
}
