package org.opsmon.monitoring.linkprobe.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.opsmon.monitoring.platform.entity.RequestProblem;

/** One probe transfer per caller and direction per interval (MONITORING_PROBE_MIN_INTERVAL, seconds). */
@ApplicationScoped
public class ProbeQuota {

    @Inject
    @ConfigProperty(name = "monitoring.probe.min.interval", defaultValue = "30")
    long minIntervalSeconds;

    private final Map<String, Long> lastUse = new ConcurrentHashMap<>();

    public void take(String key) {
        long now = System.currentTimeMillis();
        long[] waitMillis = {0};
        lastUse.compute(key, (k, last) -> {
            if (last != null && now - last < minIntervalSeconds * 1000) {
                waitMillis[0] = minIntervalSeconds * 1000 - (now - last);
                return last;
            }
            return now;
        });
        if (waitMillis[0] > 0) {
            long seconds = Math.max(1, (waitMillis[0] + 999) / 1000);
            throw RequestProblem.tooManyRequests("rate_limited", "One probe per " + minIntervalSeconds
                    + " s; try again in " + seconds + " s", seconds);
        }
    }
}
