package org.opsmon.monitoring.notifications.entity;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.opsmon.monitoring.platform.entity.Jsons;

/**
 * A JSON POST to any URL. Header values are treated as secrets (they usually carry a token):
 * sealed when stored and never shown; answers list the header names only.
 *
 * @param headers secret; name to value, in the order given
 */
public record WebhookSettings(URI url, Map<String, String> headers, int timeoutSeconds) implements ChannelSettings {

    static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}");
    /** Headers the HTTP client sets itself, or that change how the request is framed. */
    static final Set<String> RESERVED = Set.of("host", "content-length", "content-type", "connection", "expect",
            "upgrade", "transfer-encoding", "te", "trailer", "keep-alive", "proxy-connection");
    static final int MAX_HEADERS = 20;

    public WebhookSettings {
        headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    @Override
    public ChannelType type() {
        return ChannelType.WEBHOOK;
    }

    @Override
    public JsonObject storedJson() {
        return Jsons.object().add("url", url.toString()).add("timeout_s", timeoutSeconds).build();
    }

    @Override
    public JsonObject secretsJson() {
        JsonObjectBuilder values = Jsons.object();
        headers.forEach(values::add);
        return Jsons.object().add("headers", values).build();
    }

    @Override
    public JsonObject publicJson() {
        JsonArrayBuilder names = Jsons.array();
        headers.keySet().forEach(names::add);
        JsonObjectBuilder json = Jsons.object();
        storedJson().forEach(json::add);
        return json.add("header_names", names).build();
    }

    static WebhookSettings read(JsonMembers members, WebhookSettings previous, SettingDefaults defaults) {
        members.only(Set.of("url", "headers", "timeout_s"), "a webhook channel");
        URI url = WebUrls.read(members, "url", members.requiredText("url", WebUrls.MAX_LENGTH), false);
        Map<String, String> headers = members.textMap("headers", MAX_HEADERS, 1024);
        if (headers == null) {
            headers = previous == null ? Map.of() : previous.headers();
        }
        for (String name : headers.keySet()) {
            if (!HEADER_NAME.matcher(name).matches()) {
                throw members.problem("headers", "name '" + name + "' is not a valid HTTP header name");
            }
            if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
                throw members.problem("headers", "name '" + name + "' is set by the server and cannot be given");
            }
        }
        int timeout = (int) members.number("timeout_s", 1, defaults.maxTimeoutSeconds(), defaults.timeoutSeconds());
        return new WebhookSettings(url, headers, timeout);
    }
}
