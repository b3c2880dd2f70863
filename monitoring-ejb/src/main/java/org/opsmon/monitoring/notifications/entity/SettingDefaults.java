package org.opsmon.monitoring.notifications.entity;

/**
 * The server's defaults for settings a channel leaves out, from configuration.
 *
 * @param timeoutSeconds   how long a webhook, Slack or SMTP exchange may take
 * @param maxTimeoutSeconds the longest timeout a channel may ask for
 * @param fileMaxBytes     the size at which a file channel's file is rotated
 * @param fileKeep         rotated files a file channel keeps
 * @param mailHostSet      whether a server-wide SMTP host is configured (then a channel may leave it out)
 * @param mailFromSet      whether a server-wide sender address is configured
 */
public record SettingDefaults(int timeoutSeconds, int maxTimeoutSeconds, long fileMaxBytes, int fileKeep,
        boolean mailHostSet, boolean mailFromSet) {

    public static final SettingDefaults BUILT_IN = new SettingDefaults(10, 60, 10L * 1024 * 1024, 5, false, false);
}
