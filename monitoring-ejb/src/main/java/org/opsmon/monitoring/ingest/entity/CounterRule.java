package org.opsmon.monitoring.ingest.entity;

import java.util.Objects;

/**
 * How the rate of one counter is derived when the default ({@code <metric>_per_s}, per second,
 * unbounded) does not fit: SNMP octet counters become {@code if.in_bps} in bits per second
 * ({@code factor} 8), bounded by the interface's speed. A rate above {@code ceiling} cannot be
 * real (a counter discontinuity the device did not report, a buggy agent): it is discarded and
 * counted rather than drawn as a spike. {@code restart} says the source announced a
 * discontinuity of this counter: the reading becomes the new baseline and gives no rate.
 */
public record CounterRule(SeriesKey rateKey, double factor, double ceiling, boolean restart) {

    public CounterRule {
        Objects.requireNonNull(rateKey);
        if (!(factor > 0) || Double.isNaN(ceiling) || ceiling <= 0) {
            throw new IllegalArgumentException("A counter rule needs a positive factor and ceiling");
        }
    }

    /** A rate named {@code rateKey}, scaled by {@code factor}, without a ceiling. */
    public static CounterRule named(SeriesKey rateKey, double factor) {
        return new CounterRule(rateKey, factor, Double.POSITIVE_INFINITY, false);
    }

    public CounterRule withCeiling(double maxRate) {
        return new CounterRule(rateKey, factor, maxRate, restart);
    }

    public CounterRule restarted(boolean discontinuity) {
        return new CounterRule(rateKey, factor, ceiling, discontinuity);
    }

    /** True when the scaled rate is one this counter can really reach. */
    public boolean plausible(double scaledRate) {
        return scaledRate <= ceiling;
    }
}
