package org.opsmon.monitoring.notifications.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.opsmon.monitoring.notifications.entity.ChannelSettings;
import org.opsmon.monitoring.notifications.entity.ChannelType;
import org.opsmon.monitoring.notifications.entity.Notice;
import org.opsmon.monitoring.notifications.entity.SlackSettings;

/** A Slack incoming-webhook message ({@link NotificationText#slackPayload}); failures never show the URL. */
@ApplicationScoped
public class SlackSender implements ChannelSender {

    @Inject
    HttpPoster poster;

    public SlackSender() {
    }

    SlackSender(HttpPoster poster) {
        this.poster = poster;
    }

    @Override
    public ChannelType type() {
        return ChannelType.SLACK;
    }

    @Override
    public void send(ChannelSettings settings, Notice notice) throws DeliveryFailure {
        SlackSettings slack = (SlackSettings) settings;
        poster.post(slack.webhookUrl(), Map.of(), NotificationText.slackPayload(notice, slack).toString(),
                slack.timeoutSeconds(), "Slack webhook");
    }
}
