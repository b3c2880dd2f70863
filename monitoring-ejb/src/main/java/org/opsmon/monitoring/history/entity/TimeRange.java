package org.opsmon.monitoring.history.entity;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.opsmon.monitoring.platform.entity.RequestProblem;

/**
 * A query window [start, end]. Time parameters are unix seconds (fractions allowed) or ISO-8601
 * instants; a missing end is now, a missing start is the given default length before end.
 */
public record TimeRange(Instant start, Instant end) {

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
     * else names the parameter.
     */
    public static Instant instant(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.trim();
        try {
            double seconds = Double.parseDouble(value);
            if (Double.isNaN(seconds) || Double.isInfinite(seconds) || seconds < 0 || seconds > 1.0e11) {
                throw RequestProblem.badRequest("invalid_time", name + " must be unix seconds or an ISO-8601 instant, got "
                        + value);
            }
            return Instant.ofEpochMilli(Math.round(seconds * 1000));
        } catch (NumberFormatException notANumber) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw RequestProblem.badRequest("invalid_time", name + " must be unix seconds or an ISO-8601 instant"
                        + " such as 2026-01-31T12:00:00Z, got " + value);
            }
        }
    }
}
