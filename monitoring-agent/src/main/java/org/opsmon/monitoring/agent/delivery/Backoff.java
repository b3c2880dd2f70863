package org.opsmon.monitoring.agent.delivery;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter (a uniformly random wait up to the current ceiling):
 * after a server outage hundreds of agents then come back spread out instead of in lockstep.
 */
public final class Backoff {

    private final long baseMillis;
    private final long capMillis;
    private int failures;

    public Backoff(long baseMillis, long capMillis) {
        this.baseMillis = baseMillis;
        this.capMillis = capMillis;
    }

    /** The next wait; each call widens the window until the cap. */
    public synchronized long nextDelayMillis() {
        long ceiling = ceilingMillis();
        failures = Math.min(failures + 1, 62);
        return ThreadLocalRandom.current().nextLong(ceiling + 1);
    }

    /** The window the next delay is drawn from. */
    public synchronized long ceilingMillis() {
        long exp = failures >= 30 ? capMillis : baseMillis << failures;
        return Math.min(capMillis, Math.max(baseMillis, exp));
    }

    public synchronized void reset() {
        failures = 0;
    }
}
