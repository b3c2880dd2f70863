package org.opsmon.monitoring.agent.config;

import java.time.Duration;
import java.util.Locale;

/**
 * Parses the human durations and sizes operators write in flags and the config file (the agent's
 * and the benchmarks' alike). A bare number means seconds because that is what people type into a
 * config file first.
 */
public final class Durations {

    private Durations() {
    }

    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty duration");
        }
        String s = text.trim().toLowerCase(Locale.ROOT);
        long unitMillis;
        String number;
        if (s.endsWith("ms")) {
            unitMillis = 1;
            number = s.substring(0, s.length() - 2);
        } else if (s.endsWith("s")) {
            unitMillis = 1_000;
            number = s.substring(0, s.length() - 1);
        } else if (s.endsWith("m")) {
            unitMillis = 60_000;
            number = s.substring(0, s.length() - 1);
        } else if (s.endsWith("h")) {
            unitMillis = 3_600_000;
            number = s.substring(0, s.length() - 1);
        } else {
            unitMillis = 1_000;
            number = s;
        }
        double value;
        try {
            value = Double.parseDouble(number.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad duration '" + text + "' (use e.g. 500ms, 10s, 5m, 1h or plain seconds)");
        }
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("bad duration '" + text + "' (must be zero or positive)");
        }
        return Duration.ofMillis(Math.round(value * unitMillis));
    }

    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 60_000 == 0 && ms > 0) {
            return (ms / 60_000) + "m";
        }
        if (ms % 1_000 == 0) {
            return (ms / 1_000) + "s";
        }
        return ms + "ms";
    }

    /** Sizes use binary multiples: a spool bound is about disk blocks, not marketing gigabytes. */
    public static long parseBytes(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty size");
        }
        String s = text.trim().toLowerCase(Locale.ROOT).replace("ib", "").replace("b", "");
        long mult = 1;
        if (s.endsWith("k")) {
            mult = 1L << 10;
        } else if (s.endsWith("m")) {
            mult = 1L << 20;
        } else if (s.endsWith("g")) {
            mult = 1L << 30;
        }
        if (mult != 1) {
            s = s.substring(0, s.length() - 1);
        }
        try {
            long v = Long.parseLong(s.trim());
            if (v < 0) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(v, mult);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("bad size '" + text + "' (use e.g. 100MiB, 512k or plain bytes)");
        }
    }
}
