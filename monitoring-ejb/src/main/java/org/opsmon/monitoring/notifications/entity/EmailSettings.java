package org.opsmon.monitoring.notifications.entity;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.opsmon.monitoring.platform.entity.Jsons;

/**
 * E-mail through an SMTP server. What a channel leaves out (host, port, security, sender,
 * login) comes from the server-wide MONITORING_SMTP_* configuration when it is sent, so one
 * change there reaches every e-mail channel.
 *
 * @param security {@code none}, {@code starttls} or {@code tls}; null: the server's default
 * @param password secret; null when none is set
 */
public record EmailSettings(String host, Integer port, String security, String from, List<String> to, String username,
        String password, Integer timeoutSeconds) implements ChannelSettings {

    /** A practical address check: one @, a local part without spaces or brackets, a dotted domain. */
    static final Pattern ADDRESS = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
    static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]{2,45}]");
    static final Set<String> SECURITY = Set.of("none", "starttls", "tls");
    static final int MAX_RECIPIENTS = 20;

    public EmailSettings {
        to = List.copyOf(to);
    }

    @Override
    public ChannelType type() {
        return ChannelType.EMAIL;
    }

    @Override
    public JsonObject storedJson() {
        JsonArrayBuilder recipients = Jsons.array();
        to.forEach(recipients::add);
        JsonObjectBuilder json = Jsons.object();
        optional(json, "host", host);
        if (port != null) {
            json.add("port", port);
        }
        optional(json, "security", security);
        optional(json, "from", from);
        json.add("to", recipients);
        optional(json, "username", username);
        if (timeoutSeconds != null) {
            json.add("timeout_s", timeoutSeconds);
        }
        return json.build();
    }

    @Override
    public JsonObject secretsJson() {
        return password == null ? Jsons.object().build() : Jsons.object().add("password", password).build();
    }

    @Override
    public JsonObject publicJson() {
        JsonObjectBuilder json = Jsons.object();
        storedJson().forEach(json::add);
        return json.add("password_set", password != null).build();
    }

    static EmailSettings read(JsonMembers members, EmailSettings previous, SettingDefaults defaults) {
        members.only(Set.of("host", "port", "security", "from", "to", "username", "password", "timeout_s"),
                "an email channel");
        String host = members.text("host", 255);
        if (host != null && !HOST.matcher(host).matches()) {
            throw members.problem("host", "must be a host name or an IP address, got '" + host + "'");
        }
        if (host == null && !defaults.mailHostSet()) {
            throw members.problem("host", "is required: no server-wide SMTP host (MONITORING_SMTP_HOST) is configured");
        }
        Integer port = members.has("port") ? (int) members.number("port", 1, 65535, 0) : null;
        String security = members.text("security", 16);
        if (security != null && !SECURITY.contains(security)) {
            throw members.problem("security", "must be none, starttls or tls");
        }
        String from = members.text("from", 254);
        if (from != null) {
            address(members, "from", from);
        } else if (!defaults.mailFromSet()) {
            throw members.problem("from", "is required: no server-wide sender (MONITORING_SMTP_FROM) is configured");
        }
        List<String> to = members.texts("to", MAX_RECIPIENTS, 254);
        if (to.isEmpty()) {
            throw members.problem("to", "must list at least one address");
        }
        for (int i = 0; i < to.size(); i++) {
            address(members, "to[" + i + "]", to.get(i));
        }
        String username = members.text("username", 256);
        String password = members.text("password", 256);
        if (!members.has("password") && previous != null) {
            password = previous.password();
        } else if (password != null && password.isEmpty()) {
            password = null;
        }
        if (password != null && (username == null || username.isEmpty())) {
            throw members.problem("username", "is required with a password");
        }
        Integer timeout = members.has("timeout_s")
                ? (int) members.number("timeout_s", 1, defaults.maxTimeoutSeconds(), 0) : null;
        return new EmailSettings(host, port, security, from, to, username, password, timeout);
    }

    private static void address(JsonMembers members, String name, String address) {
        if (!ADDRESS.matcher(address).matches()) {
            throw members.problem(name, "is not an e-mail address: '" + address + "'");
        }
    }

    private static void optional(JsonObjectBuilder json, String name, String value) {
        if (value != null) {
            json.add(name, value);
        }
    }
}
