package org.opsmon.monitoring.notifications.entity;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.URI;
import java.util.Set;
import org.opsmon.monitoring.platform.entity.Jsons;

/**
 * A Slack incoming webhook. Its URL embeds the token that lets anyone post to the workspace, so
 * the whole URL is the secret: sealed when stored, never shown, never in an error message.
 *
 * @param webhookUrl secret
 * @param channel    optional channel override ({@code #ops}), for webhooks that allow it
 * @param username   optional name the messages are posted under
 */
public record SlackSettings(URI webhookUrl, String channel, String username, int timeoutSeconds)
        implements ChannelSettings {

    @Override
    public ChannelType type() {
        return ChannelType.SLACK;
    }

    @Override
    public JsonObject storedJson() {
        JsonObjectBuilder json = Jsons.object();
        if (channel != null) {
            json.add("channel", channel);
        }
        if (username != null) {
            json.add("username", username);
        }
        return json.add("timeout_s", timeoutSeconds).build();
    }

    @Override
    public JsonObject secretsJson() {
        return Jsons.object().add("webhook_url", webhookUrl.toString()).build();
    }

    @Override
    public JsonObject publicJson() {
        JsonObjectBuilder json = Jsons.object();
        storedJson().forEach(json::add);
        return json.add("webhook_url_set", true).build();
    }

    static SlackSettings read(JsonMembers members, SlackSettings previous, SettingDefaults defaults) {
        members.only(Set.of("webhook_url", "channel", "username", "timeout_s"), "a slack channel");
        String text = members.text("webhook_url", WebUrls.MAX_LENGTH);
        URI url;
        if (text == null && previous != null) {
            url = previous.webhookUrl();
        } else if (text == null || text.isBlank()) {
            throw members.problem("webhook_url", "is required (the incoming webhook's URL from Slack)");
        } else {
            url = WebUrls.read(members, "webhook_url", text, true);
        }
        String channel = members.text("channel", 80);
        String username = members.text("username", 80);
        int timeout = (int) members.number("timeout_s", 1, defaults.maxTimeoutSeconds(), defaults.timeoutSeconds());
        return new SlackSettings(url, channel, username, timeout);
    }
}
