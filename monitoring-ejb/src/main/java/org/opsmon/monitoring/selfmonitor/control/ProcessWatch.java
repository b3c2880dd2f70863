package org.opsmon.monitoring.selfmonitor.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.opsmon.monitoring.selfmonitor.control.ProcessHistory.Figure;
import org.opsmon.monitoring.selfmonitor.control.ProcessHistory.Rise;
import org.opsmon.monitoring.selfmonitor.entity.ProcessGrowth;
import org.opsmon.monitoring.selfmonitor.entity.ProcessState;
import org.opsmon.monitoring.selfmonitor.entity.ProcessWarning;

/**
 * Judges the server's own process: remembers the self-sampler's readings for the growth window
 * and turns a full heap or a figure growing without bound into warnings. Only a heap that is
 * still almost full after garbage collection is critical: the next allocations fail with
 * OutOfMemoryError, so the server should stop taking traffic; everything else is a warning
 * for a person and must not get a healthy server restarted.
 */
@ApplicationScoped
public class ProcessWatch {

    static final long MIN_WINDOW_S = 60;

    @Inject
    @ConfigProperty(name = "monitoring.self.heap.warn.percent", defaultValue = "90")
    double heapWarnPercent;

    @Inject
    @ConfigProperty(name = "monitoring.self.heap.critical.percent", defaultValue = "98")
    double heapCriticalPercent;

    @Inject
    @ConfigProperty(name = "monitoring.self.growth.percent", defaultValue = "10")
    double growthPercentPerHour;

    @Inject
    @ConfigProperty(name = "monitoring.self.growth.window", defaultValue = "3600")
    long growthWindowSeconds;

    Clock clock = Clock.systemUTC();

    private ProcessHistory history;

    @PostConstruct
    void start() {
        require(heapWarnPercent > 0, "monitoring.self.heap.warn.percent must be above 0, not " + heapWarnPercent);
        require(heapCriticalPercent > 0, "monitoring.self.heap.critical.percent must be above 0, not "
                + heapCriticalPercent);
        require(growthPercentPerHour >= 0, "monitoring.self.growth.percent must be 0 (off) or more, not "
                + growthPercentPerHour);
        require(growthWindowSeconds >= MIN_WINDOW_S, "monitoring.self.growth.window must be at least "
                + MIN_WINDOW_S + " seconds, not " + growthWindowSeconds);
        history = new ProcessHistory(Duration.ofSeconds(growthWindowSeconds));
    }

    /** Remembers one sample of the process for the growth window. */
    public void record(ProcessState state) {
        history.record(clock.instant(), state);
    }

    public ProcessGrowth growth() {
        return history.growth(clock.instant());
    }

    /** Warnings about the process now, critical ones first; empty when all is well. */
    public List<ProcessWarning> warnings(ProcessState now) {
        List<ProcessWarning> warnings = new ArrayList<>();
        Double heapPercent = now.heapAfterGcPercent();
        if (heapPercent != null && heapPercent >= heapCriticalPercent) {
            warnings.add(new ProcessWarning("heap_after_gc_high", String.format(Locale.ROOT,
                    "Heap after GC is %.1f %% of the %s maximum, at or above the critical %s %%"
                            + " (monitoring.self.heap.critical.percent)",
                    heapPercent, mebibytes(now.heapMax()), plain(heapCriticalPercent)), true));
        } else if (heapPercent != null && heapPercent > heapWarnPercent) {
            warnings.add(new ProcessWarning("heap_after_gc_high", String.format(Locale.ROOT,
                    "Heap after GC is %.1f %% of the %s maximum, above %s %% (monitoring.self.heap.warn.percent)",
                    heapPercent, mebibytes(now.heapMax()), plain(heapWarnPercent)), false));
        }
        for (Figure figure : Figure.values()) {
            Rise rise = history.sustainedRise(clock.instant(), figure, growthPercentPerHour);
            if (rise != null) {
                warnings.add(new ProcessWarning(figure.code() + "_growth", String.format(Locale.ROOT,
                        "%s rose in every quarter of the last %d s, from %s to %s (%.1f %% per hour; the limit is"
                                + " %s %% per hour, monitoring.self.growth.percent)",
                        capitalised(figure.title()), growthWindowSeconds, amount(figure, rise.from()),
                        amount(figure, rise.to()), rise.percentPerHour(), plain(growthPercentPerHour)), false));
            }
        }
        return warnings;
    }

    public long growthWindowSeconds() {
        return growthWindowSeconds;
    }

    private static String amount(Figure figure, double value) {
        return figure.bytes() ? mebibytes((long) value) : String.valueOf((long) value);
    }

    private static String mebibytes(Long bytes) {
        return String.format(Locale.ROOT, "%.0f MiB", bytes / 1048576.0);
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static void require(boolean valid, String message) {
        if (!valid) {
            throw new IllegalArgumentException(message);
        }
    }
}
