package org.opsmon.monitoring.bench;

/**
 * Throughput of a polling run per minute, next to what the configuration asks for: every
 * device polled once per interval, each poll reading every interface's counters. The measured
 * figures come from the server's own count; achieving less than configured means the poller
 * fell behind (slots all busy, slow storage) or polls failed.
 */
record PollFigures(double countersPerMinute, double pollsPerMinute, double configuredPerMinute,
                   double configuredPollsPerMinute) {

    static PollFigures of(int devices, int interfaces, int intervalSeconds, long counters, long polls, double minutes) {
        if (minutes <= 0 || intervalSeconds <= 0) {
            throw new IllegalArgumentException("minutes and the interval must be positive");
        }
        double configuredPolls = devices * 60.0 / intervalSeconds;
        return new PollFigures(counters / minutes, polls / minutes,
                configuredPolls * interfaces * PollLoad.COUNTERS_PER_INTERFACE, configuredPolls);
    }

    /** Measured counters as a share of the configured ones, in percent. */
    double achievedPercent() {
        return configuredPerMinute == 0 ? 0 : 100.0 * countersPerMinute / configuredPerMinute;
    }
}
