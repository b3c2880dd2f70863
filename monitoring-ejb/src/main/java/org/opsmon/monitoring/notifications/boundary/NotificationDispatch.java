package org.opsmon.monitoring.notifications.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.opsmon.monitoring.notifications.control.NotificationConfiguration;
import org.opsmon.monitoring.notifications.control.Outbox;
import org.opsmon.monitoring.notifications.control.OutboxSender;

/**
 * Delivers the outbox. Every poll interval it asks which channels have notifications due and
 * hands each to a sender thread of its own, unless that channel's sender is still busy: a
 * channel whose receiver hangs until its timeout, or fails and backs off, holds up only its own
 * thread, and the other channels go on. The first poll runs at start, so what was pending when
 * the server stopped is sent as soon as it is back. Sent and failed rows older than the
 * retention are deleted hourly.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@TransactionManagement(TransactionManagementType.BEAN)
public class NotificationDispatch {

    private static final Logger LOG = Logger.getLogger(NotificationDispatch.class.getName());

    @Resource(lookup = "java:app/jdbc/monitoring")
    DataSource dataSource;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    Outbox outbox;

    @Inject
    OutboxSender sender;

    @Inject
    NotificationConfiguration configuration;

    private final Set<Long> busy = ConcurrentHashMap.newKeySet();
    private ThreadPoolExecutor senders;
    private ScheduledFuture<?> polling;

    @PostConstruct
    void start() {
        // At most one thread per channel, and no more than the channels there may be.
        senders = new ThreadPoolExecutor(0, Math.max(1, configuration.maxChannels()), 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), threads);
        polling = scheduler.scheduleWithFixedDelay(this::poll, 0, configuration.pollMillis(), TimeUnit.MILLISECONDS);
        purge();
    }

    @PreDestroy
    void stop() {
        if (polling != null) {
            polling.cancel(false);
        }
        if (senders != null) {
            senders.shutdownNow();
        }
    }

    void poll() {
        try (Connection connection = dataSource.getConnection()) {
            for (long channel : outbox.channelsDue(connection, Instant.now())) {
                if (busy.add(channel)) {
                    try {
                        senders.execute(() -> {
                            try {
                                sender.drain(channel);
                            } finally {
                                busy.remove(channel);
                            }
                        });
                    } catch (RejectedExecutionException full) {
                        busy.remove(channel);
                    }
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Polling the notification outbox failed: " + e.getMessage(), e);
        }
    }

    @Schedule(hour = "*", minute = "23", persistent = false)
    void purge() {
        if (configuration.retentionDays() <= 0) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            int deleted = outbox.purge(connection, Instant.now().minus(Duration.ofDays(configuration.retentionDays())));
            if (deleted > 0) {
                LOG.info(() -> "Deleted " + deleted + " delivered or failed notifications older than "
                        + configuration.retentionDays() + " days");
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Deleting old notifications failed: " + e.getMessage(), e);
        }
    }
}
