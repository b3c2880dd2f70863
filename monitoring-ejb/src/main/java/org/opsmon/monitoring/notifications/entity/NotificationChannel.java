package org.opsmon.monitoring.notifications.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Objects;
import org.opsmon.monitoring.platform.entity.ColumnSizes;

/**
 * A place notifications go, with the alerts it wants. Its name is the business key. Settings and
 * filters are kept as the JSON their value objects write ({@link ChannelSettings},
 * {@link ChannelFilters}); secrets only sealed. The counters are moved by the dispatcher with
 * single UPDATE statements (never read-modify-write here), so they stay exact while an admin edits
 * the channel.
 */
@Entity
@Table(name = "notification_channel")
@NamedQuery(name = NotificationChannel.ALL, query = "SELECT c FROM NotificationChannel c ORDER BY c.id")
@NamedQuery(name = NotificationChannel.BY_NAME, query = "SELECT c FROM NotificationChannel c WHERE c.name = :name")
@NamedQuery(name = NotificationChannel.COUNT, query = "SELECT COUNT(c) FROM NotificationChannel c")
public class NotificationChannel {

    public static final String ALL = "NotificationChannel.all";
    public static final String BY_NAME = "NotificationChannel.byName";
    public static final String COUNT = "NotificationChannel.count";
    public static final int MAX_NAME = ColumnSizes.NOTIFICATION_CHANNEL_NAME;

    @Id
    @SequenceGenerator(name = "notification_channel_seq", sequenceName = "notification_channel_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "notification_channel_seq")
    private Long id;

    @Column(nullable = false, unique = true, length = MAX_NAME)
    private String name;

    @Column(nullable = false, length = 16)
    @Convert(converter = ChannelTypeConverter.class)
    private ChannelType type;

    @Column(nullable = false, length = 8192)
    private String settings;

    /** Sealed by the SecretBox; null when the channel has no secret. */
    @Column(length = 8192)
    private String secrets;

    @Column(nullable = false, length = 8192)
    private String filters;

    @Column(nullable = false)
    private boolean enabled;

    @Column(nullable = false)
    private long handled;

    @Column(nullable = false)
    private long errors;

    @Column(name = "last_error", length = 1024)
    private String lastError;

    @Column(name = "last_error_at")
    private OffsetDateTime lastErrorAt;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    protected NotificationChannel() {
    }

    private NotificationChannel(String name, OffsetDateTime now) {
        this.name = Objects.requireNonNull(name);
        this.createdAt = now;
        this.updatedAt = now;
    }

    public static NotificationChannel create(String name, ChannelSettings settings, String sealedSecrets,
            ChannelFilters filters, boolean enabled, OffsetDateTime now) {
        NotificationChannel channel = new NotificationChannel(name, now);
        channel.reconfigure(name, settings, sealedSecrets, filters, enabled, now);
        return channel;
    }

    /** Replaces what the channel is; its counters and last error stay. */
    public void reconfigure(String newName, ChannelSettings newSettings, String sealedSecrets, ChannelFilters newFilters,
            boolean enable, OffsetDateTime now) {
        this.name = Objects.requireNonNull(newName);
        this.type = newSettings.type();
        this.settings = newSettings.storedJson().toString();
        this.secrets = sealedSecrets;
        this.filters = newFilters.toJson().toString();
        this.enabled = enable;
        this.updatedAt = now;
    }

    public Long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public ChannelType type() {
        return type;
    }

    public String settingsJson() {
        return settings;
    }

    public String sealedSecrets() {
        return secrets;
    }

    public ChannelFilters filters() {
        return ChannelFilters.stored(filters);
    }

    public boolean enabled() {
        return enabled;
    }

    public long handled() {
        return handled;
    }

    public long errors() {
        return errors;
    }

    public String lastError() {
        return lastError;
    }

    public OffsetDateTime lastErrorAt() {
        return lastErrorAt;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public OffsetDateTime updatedAt() {
        return updatedAt;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NotificationChannel channel && name.equals(channel.name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }
}
