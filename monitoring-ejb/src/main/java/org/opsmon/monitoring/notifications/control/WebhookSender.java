package org.opsmon.monitoring.notifications.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.opsmon.monitoring.notifications.entity.ChannelSettings;
import org.opsmon.monitoring.notifications.entity.ChannelType;
import org.opsmon.monitoring.notifications.entity.Notice;
import org.opsmon.monitoring.notifications.entity.WebhookSettings;

/** A JSON POST of the notice ({@link NotificationText#webhookPayload}) with the channel's own headers. */
@ApplicationScoped
public class WebhookSender implements ChannelSender {

    @Inject
    HttpPoster poster;

    public WebhookSender() {
    }

    WebhookSender(HttpPoster poster) {
        this.poster = poster;
    }

    @Override
    public ChannelType type() {
        return ChannelType.WEBHOOK;
    }

    @Override
    public void send(ChannelSettings settings, Notice notice) throws DeliveryFailure {
        WebhookSettings hook = (WebhookSettings) settings;
        poster.post(hook.url(), hook.headers(), NotificationText.webhookPayload(notice).toString(), hook.timeoutSeconds(),
                "Webhook " + hook.url().getHost() + (hook.url().getPort() < 0 ? "" : ":" + hook.url().getPort()));
    }
}
