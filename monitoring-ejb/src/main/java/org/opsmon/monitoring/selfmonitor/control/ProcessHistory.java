package org.opsmon.monitoring.selfmonitor.control;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.opsmon.monitoring.selfmonitor.entity.ProcessGrowth;
import org.opsmon.monitoring.selfmonitor.entity.ProcessState;

/**
 * The last window's samples of the four figures that reveal a leak, kept in memory so growth is
 * judged without a database query: at most {@link #MAX_POINTS} points however short the
 * sampling interval or long the window (points closer together than window / MAX_POINTS are
 * skipped). It starts empty with the process, so growth needs a window of uptime to be judged.
 */
public final class ProcessHistory {

    static final int MAX_POINTS = 1024;
    private static final double MS_PER_HOUR = 3_600_000.0;
    private static final int QUARTERS = 4;

    /** A figure whose growth is watched. */
    public enum Figure {
        HEAP_AFTER_GC("heap_after_gc", "heap after GC", true),
        RSS("rss", "resident memory", true),
        THREADS("threads", "threads", false),
        OPEN_FILES("open_files", "open files", false);

        private final String code;
        private final String title;
        private final boolean bytes;

        Figure(String code, String title, boolean bytes) {
            this.code = code;
            this.title = title;
            this.bytes = bytes;
        }

        public String code() {
            return code;
        }

        public String title() {
            return title;
        }

        public boolean bytes() {
            return bytes;
        }

        static double of(ProcessState state, Figure figure) {
            Long value = switch (figure) {
                case HEAP_AFTER_GC -> state.heapAfterGc();
                case RSS -> state.rss();
                case THREADS -> (long) state.threads();
                case OPEN_FILES -> state.openFiles();
            };
            return value == null ? Double.NaN : value;
        }
    }

    /** A sustained rise: the floor of the window's first quarter, of its last, and the rate between. */
    public record Rise(Figure figure, double from, double to, double percentPerHour) {
    }

    private record Point(long timeMs, double[] values) {
        double value(Figure figure) {
            return values[figure.ordinal()];
        }
    }

    private final long windowMs;
    private final long spacingMs;
    private final ArrayDeque<Point> points = new ArrayDeque<>();

    public ProcessHistory(Duration window) {
        this.windowMs = window.toMillis();
        this.spacingMs = windowMs / MAX_POINTS;
    }

    public synchronized void record(Instant time, ProcessState state) {
        long at = time.toEpochMilli();
        if (!points.isEmpty() && at - points.peekLast().timeMs() < spacingMs) {
            return;
        }
        double[] values = new double[Figure.values().length];
        for (Figure figure : Figure.values()) {
            values[figure.ordinal()] = Figure.of(state, figure);
        }
        points.addLast(new Point(at, values));
        while (points.size() > MAX_POINTS || points.peekFirst().timeMs() < at - windowMs) {
            points.removeFirst();
        }
    }

    /** Growth per hour of each figure: the least-squares slope over the window's points. */
    public ProcessGrowth growth(Instant now) {
        List<Point> recent = within(now);
        if (recent.size() < 2) {
            return ProcessGrowth.NONE;
        }
        long span = (recent.get(recent.size() - 1).timeMs() - recent.get(0).timeMs()) / 1000;
        return new ProcessGrowth(slopePerHour(recent, Figure.HEAP_AFTER_GC), slopePerHour(recent, Figure.RSS),
                slopePerHour(recent, Figure.THREADS), slopePerHour(recent, Figure.OPEN_FILES), span);
    }

    /**
     * Growth without bound, told apart from spikes and from the climb after start-up: the window
     * is cut into quarters and each quarter's minimum (its floor, what garbage collection or an
     * idle moment brings it back to) is taken. It is a rise when every quarter holds samples,
     * every floor is higher than the one before by at least half of what the given rate adds in
     * a quarter, and the first floor grows to the last at no less than that rate. A spike lifts no
     * floor; a climb that levels off fails the later quarters.
     */
    public Rise sustainedRise(Instant now, Figure figure, double percentPerHour) {
        if (percentPerHour <= 0) {
            return null;
        }
        long start = now.toEpochMilli() - windowMs;
        double[] floors = new double[QUARTERS];
        java.util.Arrays.fill(floors, Double.POSITIVE_INFINITY);
        for (Point point : within(now)) {
            double value = point.value(figure);
            if (!Double.isNaN(value)) {
                int quarter = (int) Math.min(QUARTERS - 1, (point.timeMs() - start) * QUARTERS / windowMs);
                floors[quarter] = Math.min(floors[quarter], value);
            }
        }
        if (Double.isInfinite(floors[QUARTERS - 1]) || !(floors[0] > 0) || Double.isInfinite(floors[0])) {
            return null;
        }
        double quarterHours = windowMs / (double) QUARTERS / MS_PER_HOUR;
        double minimumStep = floors[0] * percentPerHour / 100.0 * quarterHours / 2;
        for (int i = 1; i < QUARTERS; i++) {
            if (Double.isInfinite(floors[i]) || floors[i] - floors[i - 1] < minimumStep) {
                return null;
            }
        }
        double rate = (floors[QUARTERS - 1] - floors[0]) / floors[0] * 100.0 / (quarterHours * (QUARTERS - 1));
        return rate >= percentPerHour ? new Rise(figure, floors[0], floors[QUARTERS - 1], rate) : null;
    }

    synchronized int size() {
        return points.size();
    }

    private synchronized List<Point> within(Instant now) {
        long from = now.toEpochMilli() - windowMs;
        List<Point> recent = new ArrayList<>(points.size());
        for (Point point : points) {
            if (point.timeMs() >= from && point.timeMs() <= now.toEpochMilli()) {
                recent.add(point);
            }
        }
        return recent;
    }

    private static Double slopePerHour(List<Point> points, Figure figure) {
        int n = 0;
        double sumX = 0;
        double sumY = 0;
        long origin = points.get(0).timeMs();
        for (Point point : points) {
            double y = point.value(figure);
            if (!Double.isNaN(y)) {
                n++;
                sumX += (point.timeMs() - origin) / MS_PER_HOUR;
                sumY += y;
            }
        }
        if (n < 2) {
            return null;
        }
        double meanX = sumX / n;
        double meanY = sumY / n;
        double covariance = 0;
        double variance = 0;
        for (Point point : points) {
            double y = point.value(figure);
            if (!Double.isNaN(y)) {
                double dx = (point.timeMs() - origin) / MS_PER_HOUR - meanX;
                covariance += dx * (y - meanY);
                variance += dx * dx;
            }
        }
        return variance == 0 ? null : covariance / variance;
    }
}
