package org.opsmon.monitoring.notifications.control;

import org.opsmon.monitoring.notifications.entity.ChannelSettings;
import org.opsmon.monitoring.notifications.entity.ChannelType;
import org.opsmon.monitoring.notifications.entity.Notice;

/**
 * Sends notices through one type of channel. Each send is bounded by the channel's timeout, so
 * a receiver that hangs costs its own channel one attempt, never a thread forever.
 */
public interface ChannelSender {

    ChannelType type();

    /** Delivers or throws {@link DeliveryFailure} saying what went wrong, in words safe to show and log. */
    void send(ChannelSettings settings, Notice notice) throws DeliveryFailure;

    /** A delivery that did not happen. Its message never contains a secret. */
    final class DeliveryFailure extends Exception {

        public DeliveryFailure(String message) {
            super(message, null, false, false);
        }
    }
}
