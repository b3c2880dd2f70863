package org.opsmon.monitoring.notifications.entity;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.StringReader;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.opsmon.monitoring.alerts.entity.AlertChange;
import org.opsmon.monitoring.alerts.entity.AlertLevel;
import org.opsmon.monitoring.platform.entity.ColumnSizes;
import org.opsmon.monitoring.platform.entity.Jsons;
import org.opsmon.monitoring.platform.entity.RequestProblem;

/**
 * Which alert changes a channel wants: a minimum level, metrics or components (empty: all), and
 * the hours of the day (none: always). Pure, so the decision is the same in tests and in the
 * transaction that writes the outbox.
 *
 * @param metrics each a metric name ({@code disk.percentage}) or a leading part of one at a dot,
 *                such as a component ({@code disk}) or {@code process.heap}
 * @param window  null for any hour
 */
public record ChannelFilters(AlertLevel minLevel, List<String> metrics, TimeWindow window) {

    public static final int MAX_METRICS = 64;
    public static final ChannelFilters ANY = new ChannelFilters(AlertLevel.WARNING, List.of(), null);

    public ChannelFilters {
        minLevel = minLevel == null ? AlertLevel.WARNING : minLevel;
        metrics = List.copyOf(metrics);
    }

    /**
     * True when the channel wants this change. The level that counts is the alert's level, except
     * for a de-escalation, which counts with the level it leaves: a channel for CRITICAL alerts
     * learns that its alert went back to WARNING, and hears nothing more of it after that.
     */
    public boolean accepts(AlertNote note) {
        AlertLevel level = note.change() == AlertChange.DEESCALATED && note.previousLevel() != null
                ? note.previousLevel() : note.level();
        if (!level.atLeast(minLevel)) {
            return false;
        }
        if (!metrics.isEmpty() && metrics.stream().noneMatch(m -> note.metric().equals(m)
                || note.metric().startsWith(m + "."))) {
            return false;
        }
        return window == null || note.time() == null || window.contains(note.time());
    }

    public JsonObject toJson() {
        JsonArrayBuilder list = Jsons.array();
        metrics.forEach(list::add);
        JsonObjectBuilder json = Jsons.object().add("min_level", minLevel.name()).add("metrics", list);
        if (window == null) {
            json.addNull("window");
        } else {
            json.add("window", window.toJson());
        }
        return json.build();
    }

    /** The filters a request gives (null: none, accepting everything), validated. */
    public static ChannelFilters read(JsonObject given) {
        if (given == null) {
            return ANY;
        }
        JsonMembers members = new JsonMembers(given, "filters", "invalid_filters")
                .only(Set.of("min_level", "metrics", "window"), "filters");
        String level = members.text("min_level", 16);
        AlertLevel minLevel = AlertLevel.WARNING;
        if (level != null) {
            try {
                minLevel = AlertLevel.valueOf(level.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw members.problem("min_level", "must be WARNING or CRITICAL");
            }
        }
        List<String> metrics = members.texts("metrics", MAX_METRICS, ColumnSizes.SERIES_METRIC);
        JsonMembers window = members.object("window");
        return new ChannelFilters(minLevel, metrics, window == null ? null : TimeWindow.read(window));
    }

    /** Filters as stored; they were validated when they were given. */
    public static ChannelFilters stored(String json) {
        try {
            return read(Jsons.reader(new StringReader(json)).readObject());
        } catch (RequestProblem e) {
            throw new IllegalStateException("Stored filters no longer validate: " + e.getMessage(), e);
        }
    }
}
