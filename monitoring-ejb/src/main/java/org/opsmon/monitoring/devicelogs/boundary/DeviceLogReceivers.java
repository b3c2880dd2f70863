package org.opsmon.monitoring.devicelogs.boundary;

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
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.opsmon.monitoring.devicelogs.control.DeviceDirectory;
import org.opsmon.monitoring.devicelogs.control.DeviceEvents;
import org.opsmon.monitoring.devicelogs.control.DeviceLogCounters;
import org.opsmon.monitoring.devicelogs.control.DeviceLogCounters.Outcome;
import org.opsmon.monitoring.devicelogs.control.DeviceLogIntake;
import org.opsmon.monitoring.devicelogs.control.SenderRate;
import org.opsmon.monitoring.devicelogs.control.SyslogParser;
import org.opsmon.monitoring.devicelogs.control.SyslogReceiver;
import org.opsmon.monitoring.devicelogs.control.TrapReceiver;
import org.opsmon.monitoring.devicelogs.entity.DeviceEventRecorded;
import org.opsmon.monitoring.devicelogs.entity.DeviceEventType;
import org.opsmon.monitoring.devicelogs.entity.NewDeviceEvent;
import org.opsmon.monitoring.devices.control.DeviceCatalog;

/**
 * Runs the trap and syslog receivers for the application's lifetime, the one writer thread that
 * stores what they queue in batches, the refresh of the device addresses, and the retention of
 * device events. A port that cannot be bound is logged and leaves that receiver off; the rest of
 * the server runs on.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@TransactionManagement(TransactionManagementType.BEAN)
public class DeviceLogReceivers {

    private static final Logger LOG = Logger.getLogger(DeviceLogReceivers.class.getName());
    /** A batch is one transaction; large enough for floods, small enough to keep it short. */
    private static final int BATCH = 500;
    private static final long WRITER_WAIT_MILLIS = 500;
    /** An unknown sender triggers a refresh at most this often: a device just added is matched soon. */
    private static final long EARLY_REFRESH_GAP_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** Retention deletes in chunks so a large backlog never holds one long transaction. */
    private static final int RETENTION_CHUNK = 10_000;

    @Resource(lookup = "java:app/jdbc/monitoring")
    DataSource dataSource;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    DeviceEvents events;

    @Inject
    DeviceLogCounters counters;

    @Inject
    DeviceCatalog catalog;

    @Inject
    @ConfigProperty(name = "monitoring.syslog.enabled", defaultValue = "true")
    boolean syslogEnabled;

    @Inject
    @ConfigProperty(name = "monitoring.syslog.port", defaultValue = "1514")
    int syslogPort;

    @Inject
    @ConfigProperty(name = "monitoring.syslog.bind", defaultValue = "0.0.0.0")
    String syslogBind;

    @Inject
    @ConfigProperty(name = "monitoring.syslog.max.message", defaultValue = "8192")
    int syslogMaxMessage;

    @Inject
    @ConfigProperty(name = "monitoring.syslog.tcp.connections", defaultValue = "64")
    int syslogConnections;

    @Inject
    @ConfigProperty(name = "monitoring.syslog.tcp.idle", defaultValue = "300")
    int syslogIdleSeconds;

    @Inject
    @ConfigProperty(name = "monitoring.syslog.rate", defaultValue = "100")
    int syslogRate;

    @Inject
    @ConfigProperty(name = "monitoring.traps.enabled", defaultValue = "true")
    boolean trapsEnabled;

    @Inject
    @ConfigProperty(name = "monitoring.traps.port", defaultValue = "1162")
    int trapPort;

    @Inject
    @ConfigProperty(name = "monitoring.traps.bind", defaultValue = "0.0.0.0")
    String trapBind;

    @Inject
    @ConfigProperty(name = "monitoring.traps.rate", defaultValue = "100")
    int trapRate;

    @Inject
    @ConfigProperty(name = "monitoring.devicelogs.queue", defaultValue = "10000")
    int queueCapacity;

    @Inject
    @ConfigProperty(name = "monitoring.devicelogs.senders", defaultValue = "4096")
    int maxSenders;

    @Inject
    @ConfigProperty(name = "monitoring.devicelogs.refresh", defaultValue = "60")
    int refreshSeconds;

    @Inject
    @ConfigProperty(name = "monitoring.retention.days", defaultValue = "0")
    int retentionDays;

    private final DeviceDirectory directory = new DeviceDirectory();
    private final AtomicLong lastRefresh = new AtomicLong(System.nanoTime());
    private DeviceLogIntake intake;
    private SyslogReceiver syslog;
    private volatile TrapReceiver traps;
    private ScheduledFuture<?> refreshing;
    private volatile boolean stopped;
    /** The ambiguous v3 users last warned about: the warning comes once per change, not every refresh. */
    private volatile List<String> reportedAmbiguous = List.of();

    @PostConstruct
    void start() {
        intake = new DeviceLogIntake(directory, counters, new SenderRate(syslogRate, maxSenders),
                new SenderRate(trapRate, maxSenders), new SyslogParser(ZoneId.systemDefault()),
                Math.max(1, queueCapacity), Clock.systemUTC(), this::refreshSoon);
        refresh();
        refreshing = scheduler.scheduleWithFixedDelay(this::refresh, refreshSeconds, Math.max(1, refreshSeconds),
                TimeUnit.SECONDS);
        Thread writer = threads.newThread(this::writeLoop);
        writer.setName("device-event-writer");
        writer.start();
        if (syslogEnabled) {
            syslog = new SyslogReceiver(new SyslogReceiver.Settings(syslogBind, syslogPort, syslogMaxMessage,
                    syslogConnections, Duration.ofSeconds(syslogIdleSeconds)), threads, intake, counters);
            try {
                syslog.start();
                LOG.info(() -> "Syslog receiver listening on " + syslogBind + ":" + syslogPort + " (UDP and TCP)");
            } catch (IOException e) {
                LOG.log(Level.SEVERE, "The syslog receiver cannot listen on " + syslogBind + ":" + syslogPort
                        + " (monitoring.syslog.port); it stays off: " + e.getMessage());
                syslog.close();
                syslog = null;
            }
        }
        if (trapsEnabled) {
            traps = new TrapReceiver(trapBind, trapPort, intake, counters);
            try {
                traps.start();
                LOG.info(() -> "SNMP trap receiver listening on " + trapBind + ":" + trapPort + " (UDP)");
                refreshV3Users();
            } catch (IOException e) {
                LOG.log(Level.SEVERE, "The trap receiver cannot listen on " + trapBind + ":" + trapPort
                        + " (monitoring.traps.port); it stays off: " + e.getMessage());
                traps.close();
                traps = null;
            }
        }
        retention();
    }

    @PreDestroy
    void stop() {
        stopped = true;
        if (refreshing != null) {
            refreshing.cancel(false);
        }
        if (syslog != null) {
            syslog.close();
        }
        if (traps != null) {
            traps.close();
        }
    }

    /** Whether each receiver listens now, for the status endpoint. */
    public boolean syslogListening() {
        return syslog != null;
    }

    public boolean trapsListening() {
        return traps != null;
    }

    private void refreshSoon() {
        long last = lastRefresh.get();
        long now = System.nanoTime();
        if (now - last >= EARLY_REFRESH_GAP_NANOS && lastRefresh.compareAndSet(last, now)) {
            scheduler.execute(this::refresh);
        }
    }

    void refresh() {
        lastRefresh.set(System.nanoTime());
        try (Connection connection = dataSource.getConnection()) {
            directory.refresh(connection);
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Reading the devices' addresses failed; the receivers keep the previous ones: "
                    + e.getMessage());
        }
        refreshV3Users();
    }

    /** The v3 devices' users for the trap receiver: devices added, changed or removed are followed. */
    private void refreshV3Users() {
        TrapReceiver receiver = traps;
        if (receiver == null) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            List<String> ambiguous = receiver.useV3Users(catalog.v3Credentials(connection));
            if (!ambiguous.isEmpty() && !ambiguous.equals(reportedAmbiguous)) {
                LOG.warning(() -> "SNMPv3 users " + ambiguous + " have different passwords on different devices; "
                        + "v3 traps are checked with those of the oldest device");
            }
            reportedAmbiguous = ambiguous;
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Reading the v3 devices' users failed; the trap receiver keeps the previous ones: "
                    + e.getMessage());
        }
    }

    private void writeLoop() {
        while (!stopped) {
            List<NewDeviceEvent> batch;
            try {
                batch = intake.take(BATCH, WRITER_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (batch.isEmpty()) {
                continue;
            }
            try {
                for (DeviceEventRecorded written : events.record(batch)) {
                    counters.add(written.event().type() == DeviceEventType.TRAP ? Outcome.TRAPS_STORED
                            : Outcome.SYSLOG_STORED);
                }
            } catch (RuntimeException e) {
                counters.add(Outcome.WRITE_FAILED, batch.size());
                LOG.log(Level.WARNING, "Storing " + batch.size() + " device events failed: " + e.getMessage());
            }
        }
    }

    /** Device events follow the sample retention (monitoring.retention.days; 0 keeps everything). */
    @Schedule(hour = "*", minute = "35", persistent = false)
    void retention() {
        if (retentionDays <= 0) {
            return;
        }
        OffsetDateTime cutoff = OffsetDateTime.now(ZoneOffset.UTC).minusDays(retentionDays);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM device_event WHERE id IN "
                     + "(SELECT id FROM device_event WHERE received_at < ? LIMIT " + RETENTION_CHUNK + ")")) {
            delete.setObject(1, cutoff);
            int deleted;
            do {
                deleted = delete.executeUpdate();
            } while (deleted == RETENTION_CHUNK && !stopped);
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Deleting old device events failed; it runs again within the hour: " + e.getMessage());
        }
    }
}
