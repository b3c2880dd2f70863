package org.opsmon.monitoring.devicelogs.entity;

import java.time.Instant;

/**
 * A parsed syslog message, either format. Fields a sender left out (RFC 5424's NILVALUE, an
 * RFC 3164 line without timestamp or tag) are null.
 *
 * @param reportedAt the sender's timestamp; for RFC 3164, which has neither year nor zone, read in
 *                   the receiver's zone and the year that puts it nearest to the receipt
 */
public record SyslogMessage(int facility, EventSeverity severity, Instant reportedAt, String hostname,
        String appName, String message) {
}
