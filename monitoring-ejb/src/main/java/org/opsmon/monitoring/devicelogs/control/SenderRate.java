package org.opsmon.monitoring.devicelogs.control;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per sender address: each sender may send {@code perSecond} messages a second
 * on average and as many at once, the rest is dropped and counted. One noisy or looping device
 * thus cannot fill the queue that every device's events share. At most {@code maxSenders}
 * buckets are kept (the least recently seen go first), so spoofed source addresses cannot grow
 * memory. Thread-safe; time is given in nanoseconds so tests need no clock.
 */
public final class SenderRate {

    private final double perSecond;
    private final Map<InetAddress, double[]> buckets;

    public SenderRate(int perSecond, int maxSenders) {
        this.perSecond = perSecond;
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<InetAddress, double[]> eldest) {
                return size() > maxSenders;
            }
        };
    }

    /** True when {@code sender} may send one more message now; 0 per second lets everything through. */
    public synchronized boolean allow(InetAddress sender, long nanoTime) {
        if (perSecond <= 0) {
            return true;
        }
        // [0] tokens, [1] time of the last refill in nanoseconds
        double[] bucket = buckets.computeIfAbsent(sender, s -> new double[] {perSecond, nanoTime});
        bucket[0] = Math.min(perSecond, bucket[0] + (nanoTime - bucket[1]) / 1e9 * perSecond);
        bucket[1] = nanoTime;
        if (bucket[0] < 1) {
            return false;
        }
        bucket[0] -= 1;
        return true;
    }
}
