package org.opsmon.monitoring.history.entity;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.opsmon.monitoring.platform.entity.RequestProblem;
import org.opsmon.monitoring.platform.entity.TextRule;

/**
 * A query window [start, end]. Time parameters are unix seconds (fractions allowed) or ISO-8601
 * instants from 1970 to unix time 10^11; a missing end is now, a missing start is the given
 * default length before end.
 */
public record TimeRange(Instant start, Instant end) {

    /** The earliest instant a caller may give: unix time 0. */
    public static final Instant EARLIEST = Instant.EPOCH;
    /**
     * The latest instant a caller may give: unix time 10^11 (in the year 5138). Far enough for any
     * history, and a number of seconds this large is more likely milliseconds sent by mistake.
     */
    public static final Instant LATEST = Instant.ofEpochSecond(100_000_000_000L);
    private static final int ECHO_LENGTH = 64;

    public TimeRange {
        if (start.isAfter(end)) {
            throw RequestProblem.badRequest("invalid_range", "start (" + start + ") is after end (" + end + ")");
        }
    }

    /** The window the caller asked for, either bound possibly missing (null). */
    public static TimeRange of(Instant start, Instant end, Duration defaultLength, Instant now) {
        Instant endTime = end == null ? now : end;
        return new TimeRange(start == null ? endTime.minus(defaultLength) : start, endTime);
    }

    public Duration length() {
        return Duration.between(start, end);
    }

    /**
     * The instant a time parameter gives, null when it is blank; the 400 answer for anything
     * else names the parameter. Both forms are bounded to {@link #EARLIEST}–{@link #LATEST}:
     * PostgreSQL and H2 store every instant in between, and ISO-8601 years with more digits or
     * a sign would otherwise reach the database and fail there.
     */
    public static Instant instant(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String violation = TextRule.violation(text);
        if (violation != null) {
            // Checked before trimming, which would silently drop a NUL at either end.
            throw RequestProblem.badRequest("invalid_time", name + " " + violation);
        }
        String value = text.trim();
        Instant instant;
        try {
            double seconds = Double.parseDouble(value);
            if (Double.isNaN(seconds) || seconds < EARLIEST.getEpochSecond() || seconds > LATEST.getEpochSecond()) {
                throw outOfRange(name, value);
            }
            instant = Instant.ofEpochMilli(Math.round(seconds * 1000));
        } catch (NumberFormatException notANumber) {
            try {
                instant = Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw RequestProblem.badRequest("invalid_time", name + " must be unix seconds or an ISO-8601 instant"
                        + " such as 2026-01-31T12:00:00Z, got " + shortened(value));
            }
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw outOfRange(name, value);
        }
        return instant;
    }

    private static RequestProblem outOfRange(String name, String value) {
        return RequestProblem.badRequest("invalid_time", name + " must be unix seconds or an ISO-8601 instant between "
                + EARLIEST + " and " + LATEST + ", got " + shortened(value));
    }

    /** Enough of a refused value to recognise it; a message is no place for a whole query string. */
    private static String shortened(String value) {
        return value.length() <= ECHO_LENGTH ? value : value.substring(0, ECHO_LENGTH) + "…";
    }
}
