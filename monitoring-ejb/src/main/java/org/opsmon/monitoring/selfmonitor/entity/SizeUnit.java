package org.opsmon.monitoring.selfmonitor.entity;

import java.util.Locale;
import org.opsmon.monitoring.platform.entity.RequestProblem;

/** Units for sizes in the monitor API; binary multiples, as operating systems report memory. */
public enum SizeUnit {
    B(1), KB(1024), MB(1024L * 1024), GB(1024L * 1024 * 1024);

    private final long bytes;

    SizeUnit(long bytes) {
        this.bytes = bytes;
    }

    public static SizeUnit parse(String text, SizeUnit fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw RequestProblem.badRequest("invalid_units", "units must be one of B, KB, MB, GB; got " + text);
        }
    }

    /** The size in this unit: whole bytes for B, two decimals otherwise. */
    public double of(long sizeInBytes) {
        if (this == B) {
            return sizeInBytes;
        }
        return Math.round(sizeInBytes * 100.0 / bytes) / 100.0;
    }
}
