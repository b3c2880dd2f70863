package org.opsmon.monitoring.notifications.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.opsmon.monitoring.notifications.entity.RetryPolicy;
import org.opsmon.monitoring.notifications.entity.SettingDefaults;

/** Every limit and default of notifications, from MicroProfile Config (MONITORING_NOTIFY_*, MONITORING_SMTP_*). */
@ApplicationScoped
public class NotificationConfiguration {

    @Inject
    @ConfigProperty(name = "monitoring.notify.group.window", defaultValue = "10")
    int groupWindowSeconds;

    @Inject
    @ConfigProperty(name = "monitoring.notify.group.max", defaultValue = "100")
    int groupMax;

    @Inject
    @ConfigProperty(name = "monitoring.notify.retry.base", defaultValue = "5")
    int retryBaseSeconds;

    @Inject
    @ConfigProperty(name = "monitoring.notify.retry.max", defaultValue = "600")
    int retryMaxSeconds;

    @Inject
    @ConfigProperty(name = "monitoring.notify.retry.attempts", defaultValue = "10")
    int retryAttempts;

    @Inject
    @ConfigProperty(name = "monitoring.notify.poll.ms", defaultValue = "1000")
    long pollMillis;

    @Inject
    @ConfigProperty(name = "monitoring.notify.timeout", defaultValue = "10")
    int timeoutSeconds;

    @Inject
    @ConfigProperty(name = "monitoring.notify.timeout.max", defaultValue = "60")
    int maxTimeoutSeconds;

    @Inject
    @ConfigProperty(name = "monitoring.notify.channels.max", defaultValue = "100")
    int maxChannels;

    @Inject
    @ConfigProperty(name = "monitoring.notify.retention.days", defaultValue = "30")
    int retentionDays;

    @Inject
    @ConfigProperty(name = "monitoring.notify.file.dir", defaultValue = "notifications")
    String fileDir;

    @Inject
    @ConfigProperty(name = "monitoring.notify.file.max.bytes", defaultValue = "10485760")
    long fileMaxBytes;

    @Inject
    @ConfigProperty(name = "monitoring.notify.file.keep", defaultValue = "5")
    int fileKeep;

    @Inject
    @ConfigProperty(name = "monitoring.data.dir", defaultValue = "data")
    String dataDir;

    @Inject
    @ConfigProperty(name = "monitoring.smtp.host")
    Optional<String> smtpHost;

    @Inject
    @ConfigProperty(name = "monitoring.smtp.port")
    Optional<Integer> smtpPort;

    @Inject
    @ConfigProperty(name = "monitoring.smtp.security", defaultValue = "starttls")
    String smtpSecurity;

    @Inject
    @ConfigProperty(name = "monitoring.smtp.from")
    Optional<String> smtpFrom;

    @Inject
    @ConfigProperty(name = "monitoring.smtp.username")
    Optional<String> smtpUsername;

    @Inject
    @ConfigProperty(name = "monitoring.smtp.password")
    Optional<String> smtpPassword;

    public NotificationConfiguration() {
    }

    /** The built-in defaults, for code outside the container. */
    public static NotificationConfiguration defaults(Path dataDir) {
        NotificationConfiguration config = new NotificationConfiguration();
        config.groupWindowSeconds = 10;
        config.groupMax = 100;
        config.retryBaseSeconds = 5;
        config.retryMaxSeconds = 600;
        config.retryAttempts = 10;
        config.pollMillis = 1000;
        config.timeoutSeconds = 10;
        config.maxTimeoutSeconds = 60;
        config.maxChannels = 100;
        config.retentionDays = 30;
        config.fileDir = "notifications";
        config.fileMaxBytes = 10L * 1024 * 1024;
        config.fileKeep = 5;
        config.dataDir = dataDir.toString();
        config.smtpHost = Optional.empty();
        config.smtpPort = Optional.empty();
        config.smtpSecurity = "starttls";
        config.smtpFrom = Optional.empty();
        config.smtpUsername = Optional.empty();
        config.smtpPassword = Optional.empty();
        return config;
    }

    public Duration groupWindow() {
        return Duration.ofSeconds(Math.max(0, groupWindowSeconds));
    }

    /** Alert changes one message carries at most; a larger burst goes out as several messages. */
    public int groupMax() {
        return Math.max(1, groupMax);
    }

    public RetryPolicy retryPolicy() {
        int base = Math.max(1, retryBaseSeconds);
        return new RetryPolicy(Duration.ofSeconds(base), Duration.ofSeconds(Math.max(base, retryMaxSeconds)),
                Math.max(1, retryAttempts));
    }

    public long pollMillis() {
        return Math.max(50, pollMillis);
    }

    public int maxChannels() {
        return maxChannels;
    }

    public int retentionDays() {
        return retentionDays;
    }

    public SettingDefaults settingDefaults() {
        int max = Math.max(1, maxTimeoutSeconds);
        return new SettingDefaults(Math.min(Math.max(1, timeoutSeconds), max), max, fileMaxBytes, fileKeep,
                present(smtpHost), present(smtpFrom));
    }

    /** Where file channels write: a directory of the data directory unless configured as an absolute path. */
    public Path fileDirectory() {
        Path dir = Path.of(fileDir);
        return (dir.isAbsolute() ? dir : Path.of(dataDir).resolve(dir)).toAbsolutePath().normalize();
    }

    Optional<String> smtpHost() {
        return smtpHost.filter(s -> !s.isBlank());
    }

    Optional<Integer> smtpPort() {
        return smtpPort;
    }

    String smtpSecurity() {
        return smtpSecurity;
    }

    Optional<String> smtpFrom() {
        return smtpFrom.filter(s -> !s.isBlank());
    }

    Optional<String> smtpUsername() {
        return smtpUsername.filter(s -> !s.isBlank());
    }

    Optional<String> smtpPassword() {
        return smtpPassword.filter(s -> !s.isEmpty());
    }

    private static boolean present(Optional<String> value) {
        return value.filter(s -> !s.isBlank()).isPresent();
    }
}
