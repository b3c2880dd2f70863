package org.opsmon.monitoring.devicelogs.control;

/** A syslog message that is neither RFC 5424 nor RFC 3164; it is counted and dropped. */
public class MalformedSyslogException extends Exception {

    private static final long serialVersionUID = 1L;

    public MalformedSyslogException(String reason) {
        super(reason, null, false, false);
    }
}
