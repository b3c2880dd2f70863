package org.opsmon.monitoring.devices.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.opsmon.monitoring.devices.control.DeviceCatalog;
import org.opsmon.monitoring.devices.control.DeviceProbe;
import org.opsmon.monitoring.devices.control.PollLedger;
import org.opsmon.monitoring.devices.control.PollRecorder;
import org.opsmon.monitoring.devices.entity.Device;
import org.opsmon.monitoring.devices.entity.PollReading;
import org.opsmon.monitoring.devices.entity.PollSummary;
import org.opsmon.monitoring.devices.entity.SnmpEndpoint;
import org.opsmon.monitoring.devices.entity.SnmpFailure;

/**
 * Polls every enabled device at its interval. A non-persistent EJB timer ticks every second and
 * starts the polls that are due on the managed executor, at most {@code parallelism} at a time
 * (a semaphore): a device that is still being polled is skipped (never polled twice at once),
 * and one that finds no free slot stays due and starts at a later tick. A dead device holds one
 * slot for its timeout times its tries and nothing else, so with enough slots it never delays
 * the others. The SNMP exchange runs outside any transaction; only recording its outcome is one.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class DevicePoller {

    private static final Logger LOG = Logger.getLogger(DevicePoller.class.getName());

    @Resource
    ManagedExecutorService executor;

    @Inject
    DeviceCatalog catalog;

    @Inject
    DeviceProbe probe;

    @Inject
    PollRecorder recorder;

    @Inject
    @ConfigProperty(name = "monitoring.snmp.poll.parallelism", defaultValue = "16")
    int parallelism;

    @Inject
    @ConfigProperty(name = "monitoring.snmp.poll.ledger-size", defaultValue = "10000")
    int ledgerSize;

    private Semaphore slots;
    private PollLedger ledger;
    private final Set<Long> running = ConcurrentHashMap.newKeySet();
    private final Map<Long, Instant> nextDue = new ConcurrentHashMap<>();
    private final AtomicLong polls = new AtomicLong();
    private final AtomicLong deferred = new AtomicLong();

    @PostConstruct
    void createSlots() {
        slots = new Semaphore(Math.max(1, parallelism));
        ledger = new PollLedger(Math.max(1, ledgerSize));
    }

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void tick() {
        try {
            Instant now = Instant.now();
            List<Device> devices = catalog.enabled();
            Set<Long> present = new HashSet<>();
            for (Device device : devices) {
                present.add(device.id());
                Instant due = nextDue.getOrDefault(device.id(), now);
                if (!due.isAfter(now) && !running.contains(device.id())) {
                    launch(device.id(), now.plusSeconds(device.pollIntervalSeconds()));
                }
            }
            nextDue.keySet().retainAll(present);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Scheduling device polls failed: " + e.getMessage(), e);
        }
    }

    /** Polls the device now, unless it is being polled or no slot is free. */
    private void launch(long deviceId, Instant next) {
        if (!slots.tryAcquire()) {
            deferred.incrementAndGet();
            return;
        }
        if (!running.add(deviceId)) {
            slots.release();
            return;
        }
        nextDue.put(deviceId, next);
        try {
            executor.execute(() -> {
                try {
                    pollNow(deviceId);
                } finally {
                    running.remove(deviceId);
                    slots.release();
                }
            });
        } catch (RejectedExecutionException full) {
            running.remove(deviceId);
            slots.release();
            nextDue.remove(deviceId);
        }
    }

    private void pollNow(long deviceId) {
        polls.incrementAndGet();
        long started = System.nanoTime();
        String failure = "error";
        int counters = 0;
        boolean attempted = false;
        try {
            Device device = catalog.find(deviceId).orElse(null);
            if (device == null || !device.enabled()) {
                return;
            }
            attempted = true;
            SnmpEndpoint endpoint = catalog.endpoint(device);
            PollReading reading;
            try {
                reading = probe.poll(endpoint);
            } catch (SnmpFailure silent) {
                failure = silent.reason();
                recorder.silent(deviceId, Instant.now(), silent.getMessage());
                return;
            }
            recorder.answered(deviceId, reading);
            // Counted once stored: counters read and then lost with a failed transaction are no throughput.
            counters = reading.counterCount();
            failure = null;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Polling device " + deviceId + " failed: " + e.getMessage(), e);
        } finally {
            // A device removed or disabled since it was due was not polled: nothing to count.
            if (attempted) {
                ledger.record(System.currentTimeMillis(), System.nanoTime() - started, failure, counters);
            }
        }
    }

    /** Polls started since the server started, and polls that waited for a free slot. */
    public long polls() {
        return polls.get();
    }

    public long deferred() {
        return deferred.get();
    }

    /** Polls running right now. */
    public int running() {
        return running.size();
    }

    /** The polls that ended within the last {@code windowSeconds}: outcomes, counters read, durations. */
    public PollSummary summary(long windowSeconds) {
        return ledger.summary(windowSeconds, System.currentTimeMillis());
    }

    /** Makes the device due now: after an admin changed it, its next poll uses the new settings. */
    public void pollSoon(long deviceId) {
        nextDue.remove(deviceId);
    }
}
