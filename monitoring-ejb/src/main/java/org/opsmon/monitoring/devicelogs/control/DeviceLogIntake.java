package org.opsmon.monitoring.devicelogs.control;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.opsmon.monitoring.devicelogs.control.DeviceLogCounters.Outcome;
import org.opsmon.monitoring.devicelogs.entity.NewDeviceEvent;
import org.opsmon.monitoring.devicelogs.entity.SyslogMessage;

/**
 * Where the receivers hand over what they read: the sender is rate-limited and matched to a
 * device before anything is parsed (unknown senders cost a map look-up, no more), the message
 * becomes a device event, and the event waits in one bounded queue for the writer. Receivers
 * never touch the database: a slow database fills the queue, and what does not fit is dropped
 * and counted ({@code queue_full}) instead of stalling the sockets. Thread-safe.
 */
public final class DeviceLogIntake {

    private final DeviceDirectory directory;
    private final DeviceLogCounters counters;
    private final SenderRate syslogRate;
    private final SenderRate trapRate;
    private final SyslogParser parser;
    private final BlockingQueue<NewDeviceEvent> queue;
    private final Clock clock;
    private final Runnable unknownSender;

    /**
     * @param unknownSender called (cheaply) on each unknown sender, so the directory can be
     *                      refreshed early when a device was just added
     */
    public DeviceLogIntake(DeviceDirectory directory, DeviceLogCounters counters, SenderRate syslogRate,
            SenderRate trapRate, SyslogParser parser, int queueCapacity, Clock clock, Runnable unknownSender) {
        this.directory = directory;
        this.counters = counters;
        this.syslogRate = syslogRate;
        this.trapRate = trapRate;
        this.parser = parser;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.clock = clock;
        this.unknownSender = unknownSender;
    }

    /** One syslog message as received (framing removed). */
    public void syslog(byte[] message, InetAddress sender) {
        counters.add(Outcome.SYSLOG_RECEIVED);
        if (!syslogRate.allow(sender, System.nanoTime())) {
            counters.add(Outcome.SYSLOG_RATE_LIMITED);
            return;
        }
        DeviceDirectory.Device device = directory.lookup(sender);
        if (device == null) {
            counters.add(Outcome.SYSLOG_UNKNOWN_SENDER);
            unknownSender.run();
            return;
        }
        Instant now = clock.instant();
        SyslogMessage parsed;
        try {
            parsed = parser.parse(message, now);
        } catch (MalformedSyslogException e) {
            counters.add(Outcome.SYSLOG_MALFORMED);
            return;
        }
        offer(NewDeviceEvent.syslog(device.clientId(), now, sender.getHostAddress(), parsed.reportedAt(),
                parsed.severity(), parsed.facility(), parsed.hostname(), parsed.appName(), parsed.message()));
    }

    /**
     * The device a trap comes from, after the rate limit; null (and counted) when it is to be
     * dropped. Traps are matched before they are decoded further.
     */
    public DeviceDirectory.Device trapSender(InetAddress sender) {
        counters.add(Outcome.TRAPS_RECEIVED);
        if (!trapRate.allow(sender, System.nanoTime())) {
            counters.add(Outcome.TRAPS_RATE_LIMITED);
            return null;
        }
        DeviceDirectory.Device device = directory.lookup(sender);
        if (device == null) {
            counters.add(Outcome.TRAPS_UNKNOWN_SENDER);
            unknownSender.run();
        }
        return device;
    }

    public Instant now() {
        return clock.instant();
    }

    /** Queues an event for the writer; false (and counted) when the queue is full. */
    public boolean offer(NewDeviceEvent event) {
        if (queue.offer(event)) {
            return true;
        }
        counters.add(Outcome.QUEUE_FULL);
        return false;
    }

    /** Waits up to {@code waitMillis} for events, then takes up to {@code max} of them. */
    public List<NewDeviceEvent> take(int max, long waitMillis) throws InterruptedException {
        NewDeviceEvent first = queue.poll(waitMillis, TimeUnit.MILLISECONDS);
        if (first == null) {
            return List.of();
        }
        java.util.ArrayList<NewDeviceEvent> batch = new java.util.ArrayList<>(Math.min(max, queue.size() + 1));
        batch.add(first);
        queue.drainTo(batch, max - 1);
        return batch;
    }
}
