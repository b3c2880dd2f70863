package org.opsmon.monitoring.agent.cli;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One line per event so journald and grep see whole events; a stack trace is folded into the
 * line as its top frames. Timestamps are UTC: journald adds the local time itself.
 */
final class OneLineFormatter extends Formatter {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    @Override
    public String format(LogRecord r) {
        StringBuilder sb = new StringBuilder(160);
        sb.append(TIME.format(Instant.ofEpochMilli(r.getMillis()))).append(' ')
                .append(r.getLevel().getName()).append(' ')
                .append(shortName(r.getLoggerName())).append(": ")
                .append(formatMessage(r).replace('\n', ' '));
        Throwable t = r.getThrown();
        if (t != null) {
            sb.append(" | ").append(t);
            StackTraceElement[] st = t.getStackTrace();
            for (int i = 0; i < Math.min(3, st.length); i++) {
                sb.append(" at ").append(st[i]);
            }
        }
        return sb.append(System.lineSeparator()).toString();
    }

    private static String shortName(String logger) {
        if (logger == null) {
            return "agent";
        }
        int dot = logger.lastIndexOf('.');
        return dot < 0 ? logger : logger.substring(dot + 1);
    }
}
