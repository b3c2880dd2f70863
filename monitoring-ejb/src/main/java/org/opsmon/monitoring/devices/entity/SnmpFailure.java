package org.opsmon.monitoring.devices.entity;

/**
 * Why a device did not give what was asked, precisely enough to act on: {@code timeout} (no
 * answer; for v1/v2c a wrong community looks the same, as agents drop such requests silently),
 * {@code unknown_user}, {@code authentication_failure} (wrong auth password: the digest did not
 * match), {@code decryption_error} (wrong privacy password), {@code unsupported_security_level},
 * {@code unknown_host}, {@code snmp_error} (the agent answered with an error status).
 */
public class SnmpFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final String reason;

    public SnmpFailure(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
