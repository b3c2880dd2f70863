package org.opsmon.monitoring.history.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opsmon.monitoring.platform.entity.RequestProblem;

class TimeRangeTest {

    static final Instant NOW = Instant.parse("2026-01-31T12:00:00Z");
    static final Duration HOUR = Duration.ofHours(1);

    static TimeRange parse(String start, String end) {
        return parse(start, end, HOUR);
    }

    static TimeRange parse(String start, String end, Duration defaultLength) {
        return TimeRange.of(TimeRange.instant("start", start), TimeRange.instant("end", end), defaultLength, NOW);
    }

    static RequestProblem problem(String start, String end) {
        RequestProblem e = assertThrows(RequestProblem.class, () -> parse(start, end));
        assertEquals(400, e.status());
        return e;
    }

    @Test
    void unixSecondsWithFractions() {
        TimeRange range = parse("1700000000.5", "1700003600");
        assertEquals(Instant.parse("2023-11-14T22:13:20.500Z"), range.start());
        assertEquals(Instant.ofEpochSecond(1700003600), range.end());
        assertEquals(Duration.ofMillis(3_599_500), range.length());
    }

    @Test
    void fractionsRoundToTheMillisecond() {
        assertEquals(Instant.parse("2023-11-14T22:13:20.124Z"), parse("1700000000.1236", "1700000001").start());
    }

    @Test
    void iso8601Instants() {
        TimeRange range = parse("2026-01-31T10:00:00Z", "2026-01-31T11:30:00.250Z");
        assertEquals(Instant.parse("2026-01-31T10:00:00Z"), range.start());
        assertEquals(Instant.parse("2026-01-31T11:30:00.250Z"), range.end());
    }

    @Test
    void iso8601WithOffset() {
        assertEquals(Instant.parse("2026-01-31T10:00:00Z"), parse("2026-01-31T11:00:00+01:00", null).start());
    }

    @Test
    void surroundingBlanksAreIgnored() {
        assertEquals(Instant.ofEpochSecond(1700000000), parse(" 1700000000 ", null).start());
    }

    @Test
    void defaultsAreTheLastPeriodUpToNow() {
        assertEquals(new TimeRange(NOW.minus(HOUR), NOW), parse(null, null));
        assertEquals(new TimeRange(NOW.minus(HOUR), NOW), parse("", "  "));
    }

    @Test
    void missingEndIsNow() {
        assertEquals(new TimeRange(Instant.ofEpochSecond(1700000000), NOW), parse("1700000000", null));
    }

    @Test
    void missingStartIsTheDefaultBeforeEnd() {
        assertEquals(new TimeRange(Instant.ofEpochSecond(1700000000 - 3600), Instant.ofEpochSecond(1700000000)),
                parse(null, "1700000000"));
        assertEquals(Instant.ofEpochSecond(1700000000 - 86400),
                parse(null, "1700000000", Duration.ofDays(1)).start());
    }

    @Test
    void emptyRangeIsAllowed() {
        assertEquals(Duration.ZERO, parse("1700000000", "1700000000").length());
    }

    @Test
    void startAfterEnd() {
        RequestProblem e = problem("1700000001", "1700000000");
        assertEquals("invalid_range", e.code());
        assertEquals("start (2023-11-14T22:13:21Z) is after end (2023-11-14T22:13:20Z)", e.getMessage());
        // start in the future with end defaulting to now
        assertEquals("invalid_range", problem("2026-01-31T12:00:01Z", null).code());
    }

    @Test
    void garbage() {
        RequestProblem e = problem("yesterday", null);
        assertEquals("invalid_time", e.code());
        assertEquals("start must be unix seconds or an ISO-8601 instant such as 2026-01-31T12:00:00Z, got yesterday",
                e.getMessage());
        assertEquals("invalid_time", problem(null, "2026-01-31 12:00").code());
        assertEquals("invalid_time", problem(null, "2026-01-31").code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "-1", "-0.5", "Infinity", "-Infinity", "1e12", "-1e300", "1e300", "100000000000.001",
            "+300000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "1969-12-31T23:59:59.999Z",
            "+10000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "5138-11-16T09:46:40.001Z"})
    void instantsOutsideTheStoredRange(String text) {
        RequestProblem e = problem(null, text);
        assertEquals("invalid_time", e.code());
        assertEquals("end must be unix seconds or an ISO-8601 instant between 1970-01-01T00:00:00Z and "
                + "5138-11-16T09:46:40Z, got " + text, e.getMessage());
    }

    @Test
    void theEdgesOfTheRangeAreAccepted() {
        assertEquals(Instant.EPOCH, TimeRange.instant("start", "0"));
        assertEquals(Instant.EPOCH, TimeRange.instant("start", "1970-01-01T00:00:00Z"));
        assertEquals(TimeRange.LATEST, TimeRange.instant("end", "5138-11-16T09:46:40Z"));
        assertEquals(TimeRange.LATEST, TimeRange.instant("end", "100000000000"));
    }

    @Test
    void longValuesAreShortenedInTheMessage() {
        RequestProblem e = problem("x".repeat(5000), null);
        assertEquals("invalid_time", e.code());
        assertTrue(e.getMessage().endsWith("got " + "x".repeat(64) + "…"), e.getMessage());
    }

    @Test
    void constructorChecksOrderToo() {
        assertEquals("invalid_range", assertThrows(RequestProblem.class,
                () -> new TimeRange(NOW, NOW.minusMillis(1))).code());
    }
}
