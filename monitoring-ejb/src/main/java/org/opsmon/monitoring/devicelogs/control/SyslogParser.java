package org.opsmon.monitoring.devicelogs.control;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.opsmon.monitoring.devicelogs.entity.EventSeverity;
import org.opsmon.monitoring.devicelogs.entity.SyslogMessage;

/**
 * Reads one syslog message, RFC 5424 ({@code <PRI>1 TIMESTAMP HOST APP PROCID MSGID SD MSG}) or
 * RFC 3164 ({@code <PRI>Mmm dd hh:mm:ss HOST TAG[pid]: MSG}). RFC 5424 is parsed strictly, its
 * fields being well defined; RFC 3164 describes what devices were seen to send, and devices
 * still vary, so its parts are taken where present (no hostname, a date with a year, no tag) and
 * the rest is the message. A message without a valid PRI is neither: it is refused. Bytes are
 * UTF-8 where valid and ISO-8859-1 otherwise (what old devices use); a UTF-8 BOM is dropped.
 * Pure and thread-safe: no clock, the receipt time and zone are given.
 */
public final class SyslogParser {

    private static final DateTimeFormatter RFC3164_DATE = DateTimeFormatter.ofPattern("uuuu MMM ppd HH:mm:ss", Locale.ROOT)
            .withResolverStyle(java.time.format.ResolverStyle.STRICT);
    private static final int MAX_TAG = 32;

    private final ZoneId zone;

    public SyslogParser(ZoneId zone) {
        this.zone = zone;
    }

    public SyslogMessage parse(byte[] bytes, Instant receivedAt) throws MalformedSyslogException {
        return parse(decode(bytes), receivedAt);
    }

    public SyslogMessage parse(String text, Instant receivedAt) throws MalformedSyslogException {
        String line = trimEnd(text);
        if (line.isEmpty() || line.charAt(0) != '<') {
            throw new MalformedSyslogException("no PRI: the message does not start with '<'");
        }
        int close = line.indexOf('>');
        if (close < 2 || close > 4) {
            throw new MalformedSyslogException("the PRI is not 1 to 3 digits between '<' and '>'");
        }
        String digits = line.substring(1, close);
        if (!digits.chars().allMatch(c -> c >= '0' && c <= '9') || (digits.length() > 1 && digits.charAt(0) == '0')) {
            throw new MalformedSyslogException("the PRI '" + digits + "' is not a number without leading zeros");
        }
        int pri = Integer.parseInt(digits);
        if (pri > 191) {
            throw new MalformedSyslogException("the PRI " + pri + " is above 191");
        }
        int facility = pri / 8;
        EventSeverity severity = EventSeverity.ofCode(pri % 8);
        String rest = line.substring(close + 1);
        if (rest.startsWith("1 ")) {
            return rfc5424(facility, severity, rest.substring(2));
        }
        return rfc3164(facility, severity, rest, receivedAt);
    }

    private static SyslogMessage rfc5424(int facility, EventSeverity severity, String rest) throws MalformedSyslogException {
        Fields fields = new Fields(rest);
        String timestamp = fields.next("TIMESTAMP");
        String hostname = fields.next("HOSTNAME");
        String appName = fields.next("APP-NAME");
        fields.next("PROCID");
        fields.next("MSGID");
        Instant reportedAt = null;
        if (!"-".equals(timestamp)) {
            try {
                reportedAt = OffsetDateTime.parse(timestamp, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                throw new MalformedSyslogException("the TIMESTAMP '" + timestamp + "' is not an RFC 3339 time with offset");
            }
        }
        String message = fields.afterStructuredData();
        if (message.startsWith("\uFEFF")) {
            message = message.substring(1);
        }
        return new SyslogMessage(facility, severity, reportedAt, nil(hostname), nil(appName), message);
    }

    private SyslogMessage rfc3164(int facility, EventSeverity severity, String rest, Instant receivedAt) {
        Instant reportedAt = null;
        String body = rest;
        if (rest.length() >= 15) {
            reportedAt = rfc3164Date(rest.substring(0, 15), receivedAt);
            if (reportedAt != null) {
                body = rest.substring(15);
                body = body.startsWith(" ") ? body.substring(1) : body;
            }
        }
        if (reportedAt == null) {
            // Some devices put an RFC 3339 time where RFC 3164 has its date.
            int space = rest.indexOf(' ');
            try {
                reportedAt = OffsetDateTime.parse(space < 0 ? rest : rest.substring(0, space)).toInstant();
                body = space < 0 ? "" : rest.substring(space + 1);
            } catch (DateTimeParseException e) {
                reportedAt = null;
            }
        }
        String hostname = null;
        if (reportedAt != null) {
            int space = body.indexOf(' ');
            String first = space < 0 ? body : body.substring(0, space);
            // A host name never ends in ':' nor holds '[': such a first word is the tag of a
            // sender that left the host name out.
            if (space > 0 && !first.endsWith(":") && first.indexOf('[') < 0) {
                hostname = first;
                body = body.substring(space + 1);
            }
        }
        String appName = null;
        int end = 0;
        while (end < body.length() && end <= MAX_TAG && isTagChar(body.charAt(end))) {
            end++;
        }
        if (end > 0 && end <= MAX_TAG && end < body.length() && (body.charAt(end) == ':' || body.charAt(end) == '[')) {
            appName = body.substring(0, end);
            int colon = body.indexOf(':', end);
            int message = colon < 0 ? end : colon + 1;
            body = body.substring(Math.min(message, body.length()));
            body = body.startsWith(" ") ? body.substring(1) : body;
        }
        return new SyslogMessage(facility, severity, reportedAt, hostname, appName, body);
    }

    /** The RFC 3164 date in the receiver's zone, in the year that makes it nearest to the receipt; null if none. */
    Instant rfc3164Date(String text, Instant receivedAt) {
        ZonedDateTime received = receivedAt.atZone(zone);
        Instant best = null;
        for (int year = received.getYear() - 1; year <= received.getYear() + 1; year++) {
            try {
                Instant candidate = LocalDateTime.parse(year + " " + text, RFC3164_DATE).atZone(zone).toInstant();
                if (best == null || distance(candidate, receivedAt) < distance(best, receivedAt)) {
                    best = candidate;
                }
            } catch (DateTimeException e) {
                // Feb 29 exists in some years only; other years are tried.
            }
        }
        return best;
    }

    private static long distance(Instant a, Instant b) {
        return Math.abs(a.getEpochSecond() - b.getEpochSecond());
    }

    private static boolean isTagChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                || c == '.' || c == '/';
    }

    private static String nil(String field) {
        return "-".equals(field) ? null : field;
    }

    /** Trailing line ends and NULs (framing leftovers of some senders) are not part of the message. */
    private static String trimEnd(String text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r' || text.charAt(end - 1) == 0)) {
            end--;
        }
        return text.substring(0, end);
    }

    static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    /** The space-separated header fields of RFC 5424, then its structured data. */
    private static final class Fields {
        private final String text;
        private int at;

        Fields(String text) {
            this.text = text;
        }

        String next(String name) throws MalformedSyslogException {
            int space = text.indexOf(' ', at);
            if (space <= at) {
                throw new MalformedSyslogException("the " + name + " field is missing or empty");
            }
            String field = text.substring(at, space);
            at = space + 1;
            return field;
        }

        /** Skips STRUCTURED-DATA ('-' or [id param="value"]…, values escaping '"', '\' and ']'); returns MSG. */
        String afterStructuredData() throws MalformedSyslogException {
            if (at >= text.length()) {
                throw new MalformedSyslogException("the STRUCTURED-DATA field is missing");
            }
            if (text.charAt(at) == '-') {
                at++;
            } else if (text.charAt(at) == '[') {
                while (at < text.length() && text.charAt(at) == '[') {
                    at = elementEnd(at + 1);
                }
            } else {
                throw new MalformedSyslogException("the STRUCTURED-DATA field is neither '-' nor '[...]'");
            }
            if (at == text.length()) {
                return "";
            }
            if (text.charAt(at) != ' ') {
                throw new MalformedSyslogException("no space after the STRUCTURED-DATA field");
            }
            return text.substring(at + 1);
        }

        private int elementEnd(int from) throws MalformedSyslogException {
            boolean quoted = false;
            for (int i = from; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted && c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = !quoted;
                } else if (!quoted && c == ']') {
                    return i + 1;
                }
            }
            throw new MalformedSyslogException("an SD-ELEMENT is not closed by ']'");
        }
    }
}
