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
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.opsmon.monitoring.clients.control.ClientRegistry;
import org.opsmon.monitoring.clients.entity.Client;
import org.opsmon.monitoring.ingest.control.Ingestion;
import org.opsmon.monitoring.ingest.control.SnapshotParser;
import org.opsmon.monitoring.selfmonitor.control.HostProbe;
import org.opsmon.monitoring.selfmonitor.entity.MemoryState;
import org.opsmon.monitoring.selfmonitor.entity.StorageState;
import org.opsmon.monitoring.platform.entity.Jsons;

/**
 * The server samples its own host (CPU, memory, the data filesystem) every interval and stores
 * it under the built-in client "server", through the same parser and ingestion as agents, so
 * its history, reports and CSV work exactly like any client's.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class SelfSampler {

    private static final Logger LOG = Logger.getLogger(SelfSampler.class.getName());

    @Resource
    TimerService timers;

    @Inject
    HostProbe probe;

    @Inject
    SnapshotParser parser;

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
        if (intervalSeconds > 0) {
            TimerConfig config = new TimerConfig("self-sampling", false);
            timers.createIntervalTimer(intervalSeconds * 1000, intervalSeconds * 1000, config);
        }
    }

    @Timeout
    void sample() {
        try {
            Client self = clients.find(String.valueOf(selfId)).orElseGet(clients::self);
            ingestion.ingest(self, parser.parse(snapshot()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Self-sampling failed; the next interval tries again", e);
        }
    }

    JsonObject snapshot() {
        double[] load = probe.loadAverages();
        JsonArrayBuilder cores = Jsons.array();
        for (double core : probe.perCoreLoadPercent()) {
            cores.add(core);
        }
        var processor = Jsons.object()
                .add("usage_percent", probe.cpuLoadPercent())
                .add("per_core_usage", cores)
                .add("core_count", probe.physicalCores())
                .add("logical_count", probe.logicalCores())
                .add("frequency_max", probe.maxFrequencyMhz());
        String[] loadNames = {"load_1", "load_5", "load_15"};
        for (int i = 0; i < loadNames.length && i < load.length; i++) {
            if (load[i] >= 0) {
                processor.add(loadNames[i], load[i]);
            }
        }
        MemoryState memory = probe.memory();
        StorageState storage = probe.storage();
        return Jsons.object()
                .add("timestamp", Instant.now().toEpochMilli() / 1000.0)
                .add("processor", processor)
                .add("memory", Jsons.object()
                        .add("total", memory.total()).add("available", memory.available())
                        .add("used", memory.used()).add("percentage", memory.percent())
                        .add("swap_total", memory.swapTotal()).add("swap_used", memory.swapUsed()))
                .add("disk", Jsons.array().add(Jsons.object()
                        .add("path", storage.path()).add("total", storage.total()).add("used", storage.used())
                        .add("free", storage.free()).add("percentage", storage.percent())))
                .add("system", Jsons.object()
                        .add("hostname", probe.hostname()).add("os_name", probe.osName())
                        .add("os_version", probe.osVersion()).add("architecture", System.getProperty("os.arch"))
                        .add("boot_time", probe.bootTime()).add("uptime", probe.uptimeSeconds())
                        .add("processes", probe.processes()))
                .build();
    }
}
