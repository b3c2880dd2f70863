package org.opsmon.monitoring.selfmonitor.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.opsmon.monitoring.clients.control.ClientRegistry;
import org.opsmon.monitoring.clients.entity.Client;
import org.opsmon.monitoring.ingest.control.Ingestion;
import org.opsmon.monitoring.ingest.control.Readings;
import org.opsmon.monitoring.ingest.control.SeriesNames;
import org.opsmon.monitoring.ingest.control.SeriesNames.ListSection;
import org.opsmon.monitoring.ingest.entity.Snapshot;
import org.opsmon.monitoring.selfmonitor.control.DatabaseConnections;
import org.opsmon.monitoring.selfmonitor.control.HostProbe;
import org.opsmon.monitoring.selfmonitor.control.ProcessProbe;
import org.opsmon.monitoring.selfmonitor.control.ProcessSeries;
import org.opsmon.monitoring.selfmonitor.control.ProcessWatch;
import org.opsmon.monitoring.selfmonitor.entity.ConnectionCount;
import org.opsmon.monitoring.selfmonitor.entity.MemoryState;
import org.opsmon.monitoring.selfmonitor.entity.ProcessState;
import org.opsmon.monitoring.selfmonitor.entity.StorageState;

/**
 * The server samples its own host (CPU, memory, the data filesystem) and its own process (heap,
 * resident memory, threads, files, garbage collection, database connections) every interval and
 * stores them under the built-in client "server". It hands typed readings to the same ingestion
 * as agents, under the same series names for the host, so its history, reports and CSV work
 * exactly like any client's; its latest view is those readings rendered in the rich form.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class SelfSampler {

    private static final Logger LOG = Logger.getLogger(SelfSampler.class.getName());
    private static final List<String> LOAD_AVERAGES = List.of("load_1", "load_5", "load_15");

    @Resource
    TimerService timers;

    @Inject
    HostProbe probe;

    @Inject
    ProcessProbe process;

    @Inject
    DatabaseConnections connections;

    @Inject
    ProcessWatch watch;

    @Inject
    Ingestion ingestion;

    @Inject
    ClientRegistry clients;

    @Inject
    @ConfigProperty(name = "monitoring.self.interval", defaultValue = "10")
    long intervalSeconds;

    private long selfId;

    @PostConstruct
    void start() {
        selfId = clients.self().id();
        // Creates the watch now: a setting out of range stops the deployment, naming the setting.
        watch.growthWindowSeconds();
        if (intervalSeconds > 0) {
            TimerConfig config = new TimerConfig("self-sampling", false);
            timers.createIntervalTimer(intervalSeconds * 1000, intervalSeconds * 1000, config);
        }
    }

    @Timeout
    void sample() {
        try {
            Client self = clients.find(String.valueOf(selfId)).orElseGet(clients::self);
            ProcessState state = process.read();
            watch.record(state);
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            ingestion.ingest(self, List.of(snapshot(now, state, connections.count())));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Self-sampling failed; the next interval tries again", e);
        }
    }

    /**
     * The host as an agent would describe it (the same series, so history and reports read
     * alike), and the server's process under {@code process.*}.
     */
    Snapshot snapshot(Instant now, ProcessState state, ConnectionCount db) {
        Readings readings = Readings.at(now);
        readings.gauge(SeriesNames.CPU_USAGE, probe.cpuLoadPercent());
        double[] cores = probe.perCoreLoadPercent();
        for (int i = 0; i < cores.length; i++) {
            readings.gauge(SeriesNames.core(i), cores[i]);
        }
        readings.gauge(SeriesNames.of("processor", "core_count"), probe.physicalCores())
                .gauge(SeriesNames.of("processor", "logical_count"), probe.logicalCores())
                .gauge(SeriesNames.of("processor", "frequency_max"), probe.maxFrequencyMhz());
        double[] load = probe.loadAverages();
        for (int i = 0; i < LOAD_AVERAGES.size() && i < load.length; i++) {
            // The OS reports a negative load average where it keeps none.
            readings.gauge(SeriesNames.of("processor", LOAD_AVERAGES.get(i)), load[i] >= 0 ? load[i] : null);
        }
        MemoryState memory = probe.memory();
        readings.gauge(SeriesNames.of("memory", "total"), memory.total())
                .gauge(SeriesNames.of("memory", "available"), memory.available())
                .gauge(SeriesNames.MEMORY_USED, memory.used())
                .gauge(SeriesNames.of("memory", "percentage"), memory.percent())
                .gauge(SeriesNames.of("memory", "swap_total"), memory.swapTotal())
                .gauge(SeriesNames.of("memory", "swap_used"), memory.swapUsed());
        StorageState storage = probe.storage();
        ListSection disk = ListSection.DISK;
        readings.gauge(disk.item("total", storage.path()), storage.total())
                .gauge(disk.item("used", storage.path()), storage.used())
                .gauge(disk.item("free", storage.path()), storage.free())
                .gauge(disk.item("percentage", storage.path()), storage.percent());
        ProcessSeries.add(readings, state, db);
        return readings.bootTime(probe.bootTime())
                .gauge(SeriesNames.UPTIME, probe.uptimeSeconds())
                .gauge(SeriesNames.of("system", "processes"), probe.processes())
                .text("system.hostname", probe.hostname())
                .text("system.os_name", probe.osName())
                .text("system.os_version", probe.osVersion())
                .text("system.architecture", System.getProperty("os.arch"))
                .build();
    }
}
