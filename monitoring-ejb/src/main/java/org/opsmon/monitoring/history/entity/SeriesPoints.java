package org.opsmon.monitoring.history.entity;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One series' values over a window, aggregated per step. */
public record SeriesPoints(String metric, Map<String, String> labels, List<Point> points) {

    /** Aggregate of the samples whose time falls in [time, time + step). */
    public record Point(Instant time, double avg, double min, double max, long count) {
    }
}
