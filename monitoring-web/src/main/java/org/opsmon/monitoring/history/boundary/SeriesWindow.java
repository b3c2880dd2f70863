package org.opsmon.monitoring.history.boundary;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.opsmon.monitoring.history.entity.SeriesPoints;

/** Every series of one metric over a window, aggregated per step (seconds). */
public record SeriesWindow(long clientId, String metric, BigDecimal start, BigDecimal end, long step,
                           List<Series> series) {

    /** One series: its labels and its points, oldest first. */
    public record Series(String metric, Map<String, String> labels, List<Point> points) {

        static Series of(SeriesPoints series) {
            return new Series(series.metric(), series.labels(), series.points().stream().map(Point::of).toList());
        }
    }

    /** The samples in [time, time + step): their average, minimum, maximum and number. */
    public record Point(long time, double avg, double min, double max, long count) {

        static Point of(SeriesPoints.Point point) {
            return new Point(point.time().getEpochSecond(), WireNumbers.rounded(point.avg()),
                    WireNumbers.rounded(point.min()), WireNumbers.rounded(point.max()), point.count());
        }
    }
}
