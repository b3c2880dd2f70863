package org.opsmon.monitoring.notifications.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.opsmon.monitoring.alerts.entity.AlertChange;
import org.opsmon.monitoring.alerts.entity.AlertLevel;
import org.opsmon.monitoring.platform.entity.Jsons;
import org.opsmon.monitoring.platform.entity.RequestProblem;

class ChannelFiltersTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final Instant NOON_UTC = Instant.parse("2026-01-15T12:00:00Z");

    static JsonObject json(String text) {
        return Jsons.reader(new StringReader(text.replace('\'', '"'))).readObject();
    }

    static RequestProblem refused(String filters) {
        return assertThrows(RequestProblem.class, () -> ChannelFilters.read(json(filters)));
    }

    @Test
    void aDaytimeWindowHoldsItsStartButNotItsEnd() {
        TimeWindow office = new TimeWindow(LocalTime.of(8, 0), LocalTime.of(18, 0), ZoneId.of("UTC"));
        assertTrue(office.contains(Instant.parse("2026-01-15T08:00:00Z")));
        assertTrue(office.contains(Instant.parse("2026-01-15T17:59:59Z")));
        assertFalse(office.contains(Instant.parse("2026-01-15T18:00:00Z")));
        assertFalse(office.contains(Instant.parse("2026-01-15T07:59:59Z")));
    }

    @Test
    void aWindowFromTenAtNightToSixCrossesMidnight() {
        TimeWindow night = new TimeWindow(LocalTime.of(22, 0), LocalTime.of(6, 0), ZoneId.of("UTC"));
        assertTrue(night.contains(Instant.parse("2026-01-15T22:00:00Z")));
        assertTrue(night.contains(Instant.parse("2026-01-15T23:59:59Z")));
        assertTrue(night.contains(Instant.parse("2026-01-16T00:00:00Z")));
        assertTrue(night.contains(Instant.parse("2026-01-16T05:59:59Z")));
        assertFalse(night.contains(Instant.parse("2026-01-16T06:00:00Z")));
        assertFalse(night.contains(Instant.parse("2026-01-15T12:00:00Z")));
        assertFalse(night.contains(Instant.parse("2026-01-15T21:59:59Z")));
    }

    @Test
    void theWindowIsReadOnTheWallClockOfItsZoneDaylightSavingIncluded() {
        TimeWindow parisNight = new TimeWindow(LocalTime.of(22, 0), LocalTime.of(6, 0), PARIS);
        // 21:30 UTC is 22:30 in Paris in winter (UTC+1) but 23:30 in summer (UTC+2): both inside.
        assertTrue(parisNight.contains(Instant.parse("2026-01-15T21:30:00Z")));
        assertTrue(parisNight.contains(Instant.parse("2026-07-15T21:30:00Z")));
        // 20:30 UTC: 21:30 in winter (outside), 22:30 in summer (inside).
        assertFalse(parisNight.contains(Instant.parse("2026-01-15T20:30:00Z")));
        assertTrue(parisNight.contains(Instant.parse("2026-07-15T20:30:00Z")));
        // 05:30 UTC: 06:30 in winter (outside), 07:30 in summer (outside); 04:30 UTC in winter is 05:30 (inside).
        assertFalse(parisNight.contains(Instant.parse("2026-01-16T05:30:00Z")));
        assertTrue(parisNight.contains(Instant.parse("2026-01-16T04:30:00Z")));
        TimeWindow tokyoMorning = new TimeWindow(LocalTime.of(9, 0), LocalTime.of(12, 0), ZoneId.of("Asia/Tokyo"));
        assertTrue(tokyoMorning.contains(Instant.parse("2026-01-15T00:30:00Z")), "09:30 in Tokyo");
        assertFalse(tokyoMorning.contains(NOON_UTC), "21:00 in Tokyo");
    }

    @Test
    void minimumLevelCountsADeescalationWithTheLevelItLeaves() {
        ChannelFilters critical = new ChannelFilters(AlertLevel.CRITICAL, java.util.List.of(), null);
        assertFalse(critical.accepts(Notes.opened(AlertLevel.WARNING, "memory.percentage", NOON_UTC)));
        assertTrue(critical.accepts(Notes.note(AlertChange.ESCALATED, AlertLevel.CRITICAL, AlertLevel.WARNING,
                "memory.percentage", NOON_UTC)));
        assertTrue(critical.accepts(Notes.note(AlertChange.DEESCALATED, AlertLevel.WARNING, AlertLevel.CRITICAL,
                "memory.percentage", NOON_UTC)), "the critical channel hears that its alert went back to warning");
        assertFalse(critical.accepts(Notes.note(AlertChange.RESOLVED, AlertLevel.WARNING, AlertLevel.WARNING,
                "memory.percentage", NOON_UTC)));
        assertTrue(critical.accepts(Notes.note(AlertChange.RESOLVED, AlertLevel.CRITICAL, AlertLevel.CRITICAL,
                "memory.percentage", NOON_UTC)), "resolutions are sent too");
        assertTrue(ChannelFilters.ANY.accepts(Notes.opened(AlertLevel.WARNING, "memory.percentage", NOON_UTC)));
    }

    @Test
    void metricsMatchWholeNamesOrComponentsAtADot() {
        ChannelFilters filters = ChannelFilters.read(json("{'metrics': ['disk', 'process.heap', 'memory.percentage']}"));
        assertTrue(filters.accepts(Notes.opened(AlertLevel.WARNING, "disk.percentage", NOON_UTC)));
        assertTrue(filters.accepts(Notes.opened(AlertLevel.WARNING, "disk.free", NOON_UTC)));
        assertTrue(filters.accepts(Notes.opened(AlertLevel.WARNING, "process.heap.after_gc", NOON_UTC)));
        assertTrue(filters.accepts(Notes.opened(AlertLevel.WARNING, "memory.percentage", NOON_UTC)));
        assertFalse(filters.accepts(Notes.opened(AlertLevel.WARNING, "memory.swap_percentage", NOON_UTC)));
        assertFalse(filters.accepts(Notes.opened(AlertLevel.WARNING, "disk_io.read_bytes_per_s", NOON_UTC)),
                "disk is a component, not a prefix of disk_io");
        assertFalse(filters.accepts(Notes.opened(AlertLevel.WARNING, "processor.usage_percent", NOON_UTC)));
    }

    @Test
    void allFiltersTogetherAndTheirJsonRoundTrips() {
        ChannelFilters filters = ChannelFilters.read(json(
                "{'min_level': 'critical', 'metrics': ['disk'], 'window': {'from': '22:00', 'to': '06:00', 'zone': 'UTC'}}"));
        Instant night = Instant.parse("2026-01-15T23:00:00Z");
        assertTrue(filters.accepts(Notes.opened(AlertLevel.CRITICAL, "disk.percentage", night)));
        assertFalse(filters.accepts(Notes.opened(AlertLevel.CRITICAL, "disk.percentage", NOON_UTC)), "outside the window");
        assertFalse(filters.accepts(Notes.opened(AlertLevel.WARNING, "disk.percentage", night)), "below the level");
        assertFalse(filters.accepts(Notes.opened(AlertLevel.CRITICAL, "memory.percentage", night)), "another component");
        assertEquals(filters, ChannelFilters.stored(filters.toJson().toString()));
        assertEquals("{\"min_level\":\"CRITICAL\",\"metrics\":[\"disk\"],\"window\":{\"from\":\"22:00\",\"to\":\"06:00\","
                + "\"zone\":\"UTC\"}}", filters.toJson().toString());
        assertEquals(ChannelFilters.ANY, ChannelFilters.read(null));
    }

    @Test
    void badFiltersAreRefusedByName() {
        assertEquals("filters.window.zone is not a known time zone: 'Mars/Olympus' (use a name such as Europe/Paris or UTC)",
                refused("{'window': {'from': '22:00', 'to': '06:00', 'zone': 'Mars/Olympus'}}").getMessage());
        assertEquals("filters.window.from must be a time of day as HH:MM from 00:00 to 23:59, got '25:00'",
                refused("{'window': {'from': '25:00', 'to': '06:00', 'zone': 'UTC'}}").getMessage());
        assertEquals("filters.window.to must be a time of day as HH:MM from 00:00 to 23:59, got '6:00'",
                refused("{'window': {'from': '22:00', 'to': '6:00', 'zone': 'UTC'}}").getMessage());
        assertTrue(refused("{'window': {'from': '22:00', 'to': '22:00', 'zone': 'UTC'}}").getMessage()
                .startsWith("filters.window.to must differ from from"));
        assertEquals("filters.window.zone is required", refused("{'window': {'from': '22:00', 'to': '06:00'}}").getMessage());
        assertEquals("filters.min_level must be WARNING or CRITICAL", refused("{'min_level': 'INFO'}").getMessage());
        assertEquals("filters.metrics[1] must be a non-empty string", refused("{'metrics': ['disk', '']}").getMessage());
        assertTrue(refused("{'levels': 'x'}").getMessage().startsWith("filters.levels is not a setting of filters"));
        assertEquals("invalid_filters", refused("{'window': 'night'}").code());
        assertEquals("filters.metrics[0] contains a control character (U+0000) at position 4",
                refused("{'metrics': ['disk\\u0000']}").getMessage());
    }
}
