package org.opsmon.monitoring.platform.entity;

/**
 * The sizes of the text columns a client's input reaches, as the migrations under {@code db/}
 * declare them. Validation uses these, so a value that passes it always fits its column; a test
 * reads the migrations and fails when a column and its constant disagree.
 */
public final class ColumnSizes {

    /** {@code account.username}, which is also {@code client.name} for agents. */
    public static final int ACCOUNT_USERNAME = 64;
    /** {@code client.name}. */
    public static final int CLIENT_NAME = 64;
    /** {@code command_event.username}. */
    public static final int COMMAND_USERNAME = 64;
    /** {@code command_event.command}. */
    public static final int COMMAND_TEXT = 4096;
    /** {@code series.metric}. */
    public static final int SERIES_METRIC = 128;
    /** {@code series.labels}: the canonical JSON of all labels, escapes included. */
    public static final int SERIES_LABELS = 1024;
    /** {@code notification_channel.name}. */
    public static final int NOTIFICATION_CHANNEL_NAME = 64;
    /** {@code notification.last_error} and {@code notification_channel.last_error}. */
    public static final int NOTIFICATION_ERROR = 1024;
    /** {@code alert_rule.name}, also {@code alert.rule_name}. */
    public static final int ALERT_RULE_NAME = 128;
    /** {@code alert.message}. */
    public static final int ALERT_MESSAGE = 512;
    /** {@code device_event.source_address}: an IP address as text, IPv6 with a zone included. */
    public static final int DEVICE_EVENT_SOURCE = 64;
    /** {@code device_event.hostname}: a DNS name at most. */
    public static final int DEVICE_EVENT_HOSTNAME = 255;
    /** {@code device_event.app_name}: RFC 5424's APP-NAME is at most 48 characters. */
    public static final int DEVICE_EVENT_APP_NAME = 48;
    /** {@code device_event.trap_oid}. */
    public static final int DEVICE_EVENT_TRAP_OID = 512;
    /** {@code device_event.message}. */
    public static final int DEVICE_EVENT_MESSAGE = 2048;

    private ColumnSizes() {
    }
}
