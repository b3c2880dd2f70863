package org.opsmon.monitoring.notifications.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.opsmon.monitoring.alerts.entity.AlertChange;
import org.opsmon.monitoring.alerts.entity.AlertLevel;
import org.opsmon.monitoring.notifications.entity.AlertNote;
import org.opsmon.monitoring.notifications.entity.FileSettings;
import org.opsmon.monitoring.notifications.entity.Notes;
import org.opsmon.monitoring.notifications.entity.Notice;
import org.opsmon.monitoring.notifications.entity.SlackSettings;

class NotificationTextTest {

    static final Instant T = Instant.parse("2026-11-27T10:00:00Z");

    static Notice one(AlertNote note) {
        return new Notice(42, "ops", List.of(note), false);
    }

    static Notice burst(int alerts) {
        List<AlertNote> notes = new ArrayList<>();
        for (int i = 0; i < alerts; i++) {
            notes.add(Notes.disk(i + 1, "web-01", "/data" + i, i == 3 ? AlertLevel.CRITICAL : AlertLevel.WARNING, T));
        }
        return new Notice(42, "ops", notes, false);
    }

    @Test
    void oneAlertReadsAsItsOwnMessage() {
        Notice notice = one(Notes.opened(AlertLevel.CRITICAL, "disk.percentage", T));
        assertEquals("[CRITICAL] web-01: Critical disk usage: 96.2% (threshold: 95.0%)", NotificationText.subject(notice));
        assertEquals("2026-11-27T10:00:00Z CRITICAL opened web-01 disk.percentage{path=/} = 96.2 (threshold 95): "
                + "Critical disk usage: 96.2% (threshold: 95.0%)", NotificationText.line(notice.notes().get(0)));
        assertEquals(NotificationText.subject(notice) + "\n\n" + NotificationText.line(notice.notes().get(0)) + "\n",
                NotificationText.body(notice));
    }

    @Test
    void aResolutionSaysSo() {
        Notice notice = one(Notes.note(AlertChange.RESOLVED, AlertLevel.CRITICAL, AlertLevel.CRITICAL, "disk.percentage", T));
        assertEquals("[RESOLVED] web-01: Resolved: Critical disk usage: 96.2% (threshold: 95.0%)",
                NotificationText.subject(notice));
        assertTrue(NotificationText.line(notice.notes().get(0)).contains(" RESOLVED resolved web-01 "));
    }

    @Test
    void aGroupSaysHowManyAndWhereThenListsEach() {
        Notice notice = burst(12);
        assertEquals("[CRITICAL] 12 alert changes: web-01 (12)", NotificationText.subject(notice));
        assertEquals(1 + 1 + 12, NotificationText.body(notice).split("\n").length);
        List<AlertNote> mixed = new ArrayList<>(burst(2).notes());
        for (String source : List.of("db-01", "db-02", "db-03")) {
            mixed.add(Notes.disk(9, source, "/", AlertLevel.WARNING, T));
        }
        assertEquals("[WARNING] 5 alert changes: web-01 (2), db-01 (1), db-02 (1) and 1 more source",
                NotificationText.subject(new Notice(1, "ops", mixed, false)));
    }

    @Test
    void theWebhookGetsEveryAlertAsData() {
        JsonObject payload = NotificationText.webhookPayload(burst(12));
        assertEquals("alerts", payload.getString("type"));
        assertEquals(12, payload.getInt("count"));
        assertEquals("CRITICAL", payload.getString("level"));
        assertEquals(42, payload.getInt("notification_id"));
        JsonObject first = payload.getJsonArray("alerts").getJsonObject(0);
        assertEquals("disk.percentage", first.getString("metric"));
        assertEquals("/data0", first.getJsonObject("labels").getString("path"));
        assertEquals("OPENED", first.getString("change"));
        assertEquals(96.2, first.getJsonNumber("value").doubleValue());
        assertEquals("2026-11-27T10:00:00Z", first.getString("time"));
        assertEquals("test", NotificationText.webhookPayload(Notice.test("ops", T)).getString("type"));
    }

    @Test
    void slackGetsColourAndEmojiByLevel() {
        SlackSettings slack = new SlackSettings(URI.create("https://hooks.slack.com/services/T/B/S"), "#ops", "monitoring", 5);
        JsonObject critical = NotificationText.slackPayload(one(Notes.opened(AlertLevel.CRITICAL, "disk.percentage", T)), slack);
        assertEquals(":rotating_light:", critical.getString("icon_emoji"));
        assertEquals("#d40e0d", critical.getJsonArray("attachments").getJsonObject(0).getString("color"));
        assertEquals("#ops", critical.getString("channel"));
        assertEquals("monitoring", critical.getString("username"));
        assertTrue(critical.getString("text").startsWith(":rotating_light: [CRITICAL] web-01"));
        JsonObject warning = NotificationText.slackPayload(one(Notes.opened(AlertLevel.WARNING, "memory.percentage", T)),
                new SlackSettings(slack.webhookUrl(), null, null, 5));
        assertEquals(":warning:", warning.getString("icon_emoji"));
        assertEquals("#f2c744", warning.getJsonArray("attachments").getJsonObject(0).getString("color"));
        assertTrue(!warning.containsKey("channel"));
        JsonObject resolved = NotificationText.slackPayload(one(Notes.note(AlertChange.RESOLVED, AlertLevel.WARNING,
                AlertLevel.WARNING, "memory.percentage", T)), slack);
        assertEquals(":white_check_mark:", resolved.getString("icon_emoji"));
        assertEquals("#2eb886", resolved.getJsonArray("attachments").getJsonObject(0).getString("color"));
        assertEquals(12, NotificationText.slackPayload(burst(12), slack).getJsonArray("attachments").size());
    }

    @Test
    void filesGetOneLinePerAlertAsJsonOrText() {
        Notice notice = burst(3);
        String json = FileSender.render(new FileSettings("a.log", "json", 4096, 1), notice);
        assertEquals(3, json.lines().count());
        assertTrue(json.lines().allMatch(l -> l.startsWith("{\"channel\":\"ops\",\"notification_id\":42,\"alert_id\":")));
        String text = FileSender.render(new FileSettings("a.log", "text", 4096, 1), notice);
        assertEquals(NotificationText.line(notice.notes().get(0)), text.lines().findFirst().orElseThrow());
        assertTrue(FileSender.render(new FileSettings("a.log", "text", 4096, 1), Notice.test("ops", T)).startsWith("[TEST] "));
    }

    @Test
    void theLogLevelFollowsTheWorstFiringLevel() {
        assertEquals(Level.SEVERE, LogSender.level(burst(12)));
        assertEquals(Level.WARNING, LogSender.level(burst(2)));
        assertEquals(Level.INFO, LogSender.level(one(Notes.note(AlertChange.RESOLVED, AlertLevel.CRITICAL,
                AlertLevel.CRITICAL, "disk.percentage", T))));
        assertEquals(Level.INFO, LogSender.level(Notice.test("ops", T)));
    }

    @Test
    void numbersReadPlainly() {
        assertEquals("95", NotificationText.number(95.0));
        assertEquals("96.2", NotificationText.number(96.2));
        assertEquals("0.333", NotificationText.number(1.0 / 3));
        assertEquals("n/a", NotificationText.number(Double.NaN));
    }

    @Test
    void aNoteSurvivesTheOutboxJson() {
        List<AlertNote> notes = List.of(Notes.opened(AlertLevel.CRITICAL, "disk.percentage", T),
                Notes.note(AlertChange.DEESCALATED, AlertLevel.WARNING, AlertLevel.CRITICAL, "memory.percentage", T));
        assertEquals(notes, AlertNote.fromJsonArray(AlertNote.toJsonArray(notes)));
    }
}
