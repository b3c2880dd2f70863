package org.opsmon.monitoring.history.boundary;

import java.math.BigDecimal;
import java.time.Instant;

/** How history puts times and values on the wire. */
final class WireNumbers {

    private WireNumbers() {
    }

    /**
     * Unix seconds: whole when the instant is (most samples are), with milliseconds otherwise,
     * so a whole second reads as 1795313237 rather than 1795313237.0.
     */
    static BigDecimal seconds(Instant time) {
        if (time == null) {
            return null;
        }
        if (time.getNano() == 0) {
            return BigDecimal.valueOf(time.getEpochSecond());
        }
        return BigDecimal.valueOf(time.toEpochMilli() / 1000.0);
    }

    /** Three decimals are more than any collector measures; the rest is floating-point noise. */
    static double rounded(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }

    static Double rounded(Double value) {
        return value == null ? null : rounded(value.doubleValue());
    }
}
