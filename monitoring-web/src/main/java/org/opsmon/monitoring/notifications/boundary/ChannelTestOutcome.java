package org.opsmon.monitoring.notifications.boundary;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a test notification did: delivered, or the precise error the channel met. */
@Schema(description = "Outcome of a test notification sent through a channel now")
public record ChannelTestOutcome(long channelId, String channel, boolean delivered, String error, String sentAt) {
}
