package org.opsmon.monitoring.notifications.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.opsmon.monitoring.notifications.control.ChannelSender.DeliveryFailure;
import org.opsmon.monitoring.notifications.entity.ChannelSettings;
import org.opsmon.monitoring.notifications.entity.ChannelType;
import org.opsmon.monitoring.notifications.entity.Notice;

/**
 * Sends one channel's due notifications, oldest first, until none is due: claim, send, record,
 * each step committed on its own, so whatever happens to the server between two steps leaves a
 * row either pending (tried again) or done. A failure is retried after the backoff of the retry
 * policy; when the attempts are used up the row has failed. The server log gets one line per
 * failed attempt with the channel's name and the error, never a secret.
 */
@ApplicationScoped
public class OutboxSender {

    private static final Logger LOG = Logger.getLogger(OutboxSender.class.getName());
    /** Slack for the time between a send's timeout and its outcome being recorded. */
    static final Duration LEASE_MARGIN = Duration.ofSeconds(30);

    @Resource(lookup = "java:app/jdbc/monitoring")
    DataSource dataSource;

    @Inject
    Outbox outbox;

    @Inject
    ChannelRoster roster;

    @Inject
    NotificationConfiguration configuration;

    @Inject
    @Any
    Instance<ChannelSender> available;

    private Map<ChannelType, ChannelSender> senders;

    /** Creates this bean at deployment, where its resources resolve (see the platform package). */
    void created(@Observes @Initialized(ApplicationScoped.class) Object application) {
        // Observing the event is the point.
    }

    public OutboxSender() {
    }

    OutboxSender(DataSource dataSource, Outbox outbox, ChannelRoster roster, NotificationConfiguration configuration,
            List<ChannelSender> senders) {
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.roster = roster;
        this.configuration = configuration;
        this.senders = index(senders);
    }

    /** Sends what is due for the channel; returns how many notifications were delivered. */
    public int drain(long channelId) {
        int delivered = 0;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            while (true) {
                Optional<ChannelRoster.Reachable> channel = roster.load(connection, channelId);
                if (channel.isEmpty() || !channel.get().enabled()) {
                    return delivered;
                }
                Instant now = Instant.now();
                Optional<Outbox.Claim> claim = outbox.claimNext(connection, channelId, now, lease());
                if (claim.isEmpty()) {
                    return delivered;
                }
                Optional<String> error = attempt(channel.get(), new Notice(claim.get().id(), channel.get().name(),
                        claim.get().alerts(), false));
                Instant done = Instant.now();
                if (error.isEmpty()) {
                    outbox.delivered(connection, claim.get(), done);
                    delivered++;
                } else {
                    Optional<Duration> retry = configuration.retryPolicy().delayAfter(claim.get().attempt());
                    outbox.attemptFailed(connection, claim.get(), error.get(), done, retry.map(done::plus).orElse(null));
                    LOG.warning("Notification " + claim.get().id() + " through channel '" + channel.get().name()
                            + "' failed (attempt " + claim.get().attempt() + "): " + error.get()
                            + retry.map(d -> "; next attempt in " + d.toSeconds() + " s").orElse("; no attempts left"));
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Sending the notifications of channel " + channelId + " stopped: " + e.getMessage(), e);
            return delivered;
        }
    }

    /** Sends a notice now through a channel's settings; empty when delivered, else what went wrong. */
    public Optional<String> sendNow(ChannelSettings settings, Notice notice) {
        try {
            sender(settings.type()).send(settings, notice);
            return Optional.empty();
        } catch (DeliveryFailure e) {
            return Optional.of(e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Sending through a " + settings.type().wireName() + " channel failed unexpectedly", e);
            return Optional.of("Unexpected " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    private Optional<String> attempt(ChannelRoster.Reachable channel, Notice notice) {
        if (channel.settings() == null) {
            return Optional.of("The channel's settings cannot be used: " + channel.problem());
        }
        return sendNow(channel.settings(), notice);
    }

    /**
     * How long a claim holds: longer than any send may take, so a row is tried again only when its
     * sender is gone. An SMTP exchange may take its timeout for the connection and again for
     * each command, hence three times the longest timeout a channel may set.
     */
    private Duration lease() {
        return Duration.ofSeconds(3L * configuration.settingDefaults().maxTimeoutSeconds()).plus(LEASE_MARGIN);
    }

    private ChannelSender sender(ChannelType type) {
        if (senders == null) {
            senders = index(available.stream().toList());
        }
        ChannelSender sender = senders.get(type);
        if (sender == null) {
            throw new IllegalStateException("No sender for " + type.wireName() + " channels");
        }
        return sender;
    }

    private static Map<ChannelType, ChannelSender> index(List<ChannelSender> list) {
        Map<ChannelType, ChannelSender> byType = new EnumMap<>(ChannelType.class);
        list.forEach(sender -> byType.put(sender.type(), sender));
        return byType;
    }
}
