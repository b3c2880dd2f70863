package org.opsmon.monitoring.devices.entity;

import java.util.Locale;
import java.util.regex.Pattern;
import org.opsmon.monitoring.platform.entity.RequestProblem;
import org.opsmon.monitoring.platform.entity.TextRule;

/**
 * What an admin sets for a device, validated: address (an IPv4 or IPv6 literal, or a host
 * name), UDP port, credentials, poll interval within the server's bounds, enabled. Host names
 * are resolved when a request is sent, not here: a name that stops resolving makes the device
 * offline with that reason rather than making the settings invalid.
 */
public record DeviceSettings(String address, int port, SnmpCredentials credentials, int pollIntervalSeconds,
                             boolean enabled) {

    public static final int DEFAULT_PORT = 161;
    public static final int MAX_ADDRESS = 253;
    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    public static DeviceSettings of(String address, Integer port, SnmpCredentials credentials, Integer pollInterval,
                                    Boolean enabled, int minInterval, int maxInterval, int defaultInterval) {
        String checked = address(address);
        int checkedPort = port == null ? DEFAULT_PORT : port;
        if (checkedPort < 1 || checkedPort > 65535) {
            throw RequestProblem.badRequest("invalid_port", "port must be 1-65535; got " + checkedPort);
        }
        int interval = pollInterval == null ? Math.max(minInterval, Math.min(maxInterval, defaultInterval)) : pollInterval;
        if (interval < minInterval || interval > maxInterval) {
            throw RequestProblem.badRequest("poll_interval_limit", "poll_interval_s must be " + minInterval + "-"
                    + maxInterval + " seconds (monitoring.snmp.poll.min-interval-s and max-interval-s); got " + interval);
        }
        return new DeviceSettings(checked, checkedPort, credentials, interval, enabled == null || enabled);
    }

    /** An IPv4 literal, an IPv6 literal (brackets allowed), or a host name; returned as it will be used. */
    static String address(String address) {
        if (address == null || address.isBlank()) {
            throw RequestProblem.badRequest("invalid_address", "address is required");
        }
        String problem = TextRule.problem(address, MAX_ADDRESS + 2);
        if (problem != null) {
            throw RequestProblem.badRequest("invalid_address", "address " + problem);
        }
        String bare = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1)
                : address;
        if (bare.indexOf(':') >= 0) {
            if (IPV6.matcher(bare).matches() && validIpv6(bare)) {
                return bare.toLowerCase(Locale.ROOT);
            }
            throw RequestProblem.badRequest("invalid_address", "address is not a valid IPv6 address");
        }
        if (bare.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))) {
            if (IPV4.matcher(bare).matches()) {
                return bare;
            }
            throw RequestProblem.badRequest("invalid_address", "address is not a valid IPv4 address");
        }
        if (!HOST_NAME.matcher(bare).matches()) {
            throw RequestProblem.badRequest("invalid_address",
                    "address must be an IPv4 or IPv6 address or a host name (letters, digits, '-' and '.')");
        }
        return bare;
    }

    private static boolean validIpv6(String text) {
        // Literal parsing only: InetAddress.getByName never does a DNS look-up for a text with ':'.
        try {
            return java.net.InetAddress.getByName(text) instanceof java.net.Inet6Address
                    || text.contains("::ffff:");
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
