package org.opsmon.monitoring.notifications.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.opsmon.monitoring.alerts.entity.AlertLevel;
import org.opsmon.monitoring.notifications.entity.ChannelSettings;
import org.opsmon.monitoring.notifications.entity.ChannelType;
import org.opsmon.monitoring.notifications.entity.Notice;

/**
 * The server log (java.util.logging, logger {@code org.opsmon.monitoring.notifications.alerts}):
 * SEVERE while something is CRITICAL, WARNING while something is WARNING, INFO for resolutions
 * and tests, so log-based alerting can key on the level.
 */
@ApplicationScoped
public class LogSender implements ChannelSender {

    static final Logger ALERTS = Logger.getLogger("org.opsmon.monitoring.notifications.alerts");

    @Override
    public ChannelType type() {
        return ChannelType.LOG;
    }

    @Override
    public void send(ChannelSettings settings, Notice notice) {
        ALERTS.log(level(notice), NotificationText.body(notice).stripTrailing());
    }

    static Level level(Notice notice) {
        AlertLevel level = notice.firingLevel();
        if (notice.test() || level == null) {
            return Level.INFO;
        }
        return level == AlertLevel.CRITICAL ? Level.SEVERE : Level.WARNING;
    }
}
