package org.opsmon.monitoring.notifications.control;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.opsmon.monitoring.alerts.entity.AlertLevel;
import org.opsmon.monitoring.notifications.entity.AlertNote;
import org.opsmon.monitoring.notifications.entity.Notice;
import org.opsmon.monitoring.notifications.entity.SlackSettings;
import org.opsmon.monitoring.platform.entity.Jsons;

/**
 * How a notice reads on each kind of channel. One alert reads as its own message; a group says
 * how many changes it carries and where, then lists each, so the subject line of a host that went
 * down with twelve alerts is one line a person can act on.
 */
public final class NotificationText {

    static final String CRITICAL_COLOUR = "#d40e0d";
    static final String WARNING_COLOUR = "#f2c744";
    static final String RESOLVED_COLOUR = "#2eb886";

    private NotificationText() {
    }

    /** The headline: {@code [CRITICAL] web-01: Critical disk usage: 96.2% (threshold: 95.0%)}. */
    public static String subject(Notice notice) {
        String tag = "[" + tag(notice) + "]" + (notice.test() ? " [TEST]" : "");
        if (notice.notes().size() == 1) {
            AlertNote note = notice.notes().get(0);
            return tag + " " + note.source() + ": " + headline(note);
        }
        Map<String, Long> bySource = notice.notes().stream()
                .collect(Collectors.groupingBy(AlertNote::source, LinkedHashMap::new, Collectors.counting()));
        String sources = bySource.entrySet().stream().limit(3).map(e -> e.getKey() + " (" + e.getValue() + ")")
                .collect(Collectors.joining(", "));
        if (bySource.size() > 3) {
            int more = bySource.size() - 3;
            sources += " and " + more + " more source" + (more == 1 ? "" : "s");
        }
        return tag + " " + notice.notes().size() + " alert changes: " + sources;
    }

    /** One readable line per change. */
    public static String line(AlertNote note) {
        StringBuilder line = new StringBuilder();
        line.append(note.time()).append(' ').append(note.resolved() ? "RESOLVED" : note.level().name()).append(' ')
                .append(note.change().name().toLowerCase(Locale.ROOT)).append(' ').append(note.source()).append(' ')
                .append(note.series()).append(" = ").append(number(note.value()))
                .append(" (threshold ").append(number(note.threshold())).append(')');
        if (note.message() != null && !note.message().isEmpty()) {
            line.append(": ").append(note.message());
        }
        return line.toString();
    }

    /** Subject, a blank line, then one line per change: the body of an e-mail and of a log record. */
    public static String body(Notice notice) {
        StringBuilder text = new StringBuilder(subject(notice)).append("\n\n");
        notice.notes().forEach(note -> text.append(line(note)).append('\n'));
        if (notice.test()) {
            text.append("\nThis is a test: nothing is wrong. The channel works if you read this.\n");
        }
        return text.toString();
    }

    /** The webhook's JSON body. */
    public static JsonObject webhookPayload(Notice notice) {
        JsonArrayBuilder alerts = Jsons.array();
        notice.notes().forEach(note -> alerts.add(note.toJson()));
        JsonObjectBuilder json = Jsons.object()
                .add("type", notice.test() ? "test" : "alerts")
                .add("channel", notice.channel())
                .add("notification_id", notice.notificationId())
                .add("level", tag(notice))
                .add("summary", subject(notice))
                .add("count", notice.notes().size())
                .add("alerts", alerts);
        return json.build();
    }

    /** A Slack incoming-webhook message: colour and emoji by level, one attachment per change. */
    public static JsonObject slackPayload(Notice notice, SlackSettings settings) {
        JsonArrayBuilder attachments = Jsons.array();
        for (AlertNote note : notice.notes()) {
            attachments.add(Jsons.object()
                    .add("color", colour(note))
                    .add("fallback", line(note))
                    .add("title", (note.resolved() ? "RESOLVED" : note.level().name()) + " " + note.source() + " "
                            + note.series())
                    .add("text", headline(note))
                    .add("ts", note.time() == null ? 0 : note.time().getEpochSecond()));
        }
        JsonObjectBuilder json = Jsons.object()
                .add("text", emoji(notice) + " " + subject(notice))
                .add("icon_emoji", emoji(notice))
                .add("attachments", attachments);
        if (settings.channel() != null) {
            json.add("channel", settings.channel());
        }
        if (settings.username() != null) {
            json.add("username", settings.username());
        }
        return json.build();
    }

    /** One JSON object per change, for a file channel's JSON lines. */
    public static JsonObject fileRecord(Notice notice, AlertNote note) {
        JsonObjectBuilder json = Jsons.object().add("channel", notice.channel())
                .add("notification_id", notice.notificationId());
        if (notice.test()) {
            json.add("test", true);
        }
        note.toJson().forEach(json::add);
        return json.build();
    }

    /** CRITICAL, WARNING or RESOLVED: the worst level still firing, or RESOLVED when none is. */
    public static String tag(Notice notice) {
        AlertLevel level = notice.firingLevel();
        return level == null ? "RESOLVED" : level.name();
    }

    static String emoji(Notice notice) {
        AlertLevel level = notice.firingLevel();
        return level == null ? ":white_check_mark:" : level == AlertLevel.CRITICAL ? ":rotating_light:" : ":warning:";
    }

    static String colour(AlertNote note) {
        return note.resolved() ? RESOLVED_COLOUR : note.level() == AlertLevel.CRITICAL ? CRITICAL_COLOUR : WARNING_COLOUR;
    }

    private static String headline(AlertNote note) {
        if (note.message() != null && !note.message().isEmpty()) {
            return note.resolved() && !note.message().toLowerCase(Locale.ROOT).contains("resolved")
                    ? "Resolved: " + note.message() : note.message();
        }
        return note.series() + " " + (note.resolved() ? "resolved" : note.level().name().toLowerCase(Locale.ROOT))
                + " at " + number(note.value());
    }

    static String number(double value) {
        if (!Double.isFinite(value)) {
            return "n/a";
        }
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value)
                : String.valueOf(Math.round(value * 1000) / 1000.0);
    }
}
