package org.opsmon.monitoring.notifications.entity;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;
import org.opsmon.monitoring.platform.entity.Jsons;
import org.opsmon.monitoring.platform.entity.RequestProblem;

/**
 * What a channel of one type needs to send, validated where it enters. A channel's settings are
 * kept in two parts: what may be shown ({@link #storedJson()}) and its secrets
 * ({@link #secretsJson()}), which are sealed before they are stored and never shown again; the
 * API shows {@link #publicJson()} instead, which only says whether a secret is set.
 */
public sealed interface ChannelSettings permits LogSettings, FileSettings, EmailSettings, WebhookSettings, SlackSettings {

    ChannelType type();

    /** The settings that are no secret, as stored and shown. */
    JsonObject storedJson();

    /** The secret settings, empty when the type has none or none is set. */
    JsonObject secretsJson();

    /** What answers show: the stored settings and, for each secret, that it is set. */
    default JsonObject publicJson() {
        return storedJson();
    }

    /**
     * The settings a request gives for a channel of {@code type}, validated. A secret the request
     * leaves out is kept from {@code previous} (the channel's current settings, null for a new
     * channel), so a client can change a channel without knowing its secrets.
     */
    static ChannelSettings read(ChannelType type, JsonObject given, ChannelSettings previous, SettingDefaults defaults) {
        JsonMembers members = new JsonMembers(given, "settings", "invalid_settings");
        return switch (type) {
            case LOG -> LogSettings.read(members);
            case FILE -> FileSettings.read(members, defaults);
            case EMAIL -> EmailSettings.read(members, previous instanceof EmailSettings email ? email : null, defaults);
            case WEBHOOK -> WebhookSettings.read(members, previous instanceof WebhookSettings hook ? hook : null, defaults);
            case SLACK -> SlackSettings.read(members, previous instanceof SlackSettings slack ? slack : null, defaults);
        };
    }

    /** Settings as stored (secrets already opened); they were validated when they were given. */
    static ChannelSettings stored(ChannelType type, String settings, String openedSecrets, SettingDefaults defaults) {
        JsonObjectBuilder merged = Jsons.object();
        parse(settings).forEach(merged::add);
        if (openedSecrets != null) {
            parse(openedSecrets).forEach(merged::add);
        }
        try {
            return read(type, merged.build(), null, defaults);
        } catch (RequestProblem e) {
            throw new IllegalStateException("Stored settings no longer validate: " + e.getMessage(), e);
        }
    }

    private static JsonObject parse(String json) {
        return json == null || json.isBlank() ? JsonValue.EMPTY_JSON_OBJECT
                : Jsons.reader(new StringReader(json)).readObject();
    }
}
