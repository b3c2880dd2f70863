package org.opsmon.monitoring.agent;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import org.opsmon.monitoring.agent.collect.DiskIoCollector;
import org.opsmon.monitoring.agent.collect.Fields;
import org.opsmon.monitoring.agent.collect.FilesystemCollector;
import org.opsmon.monitoring.agent.collect.MemoryCollector;
import org.opsmon.monitoring.agent.collect.NetworkCollector;
import org.opsmon.monitoring.agent.collect.ProcessorCollector;
import org.opsmon.monitoring.agent.collect.SystemCollector;
import org.opsmon.monitoring.agent.commands.CommandCollector;
import org.opsmon.monitoring.agent.config.AgentSettings;
import org.opsmon.monitoring.agent.delivery.Backoff;
import org.opsmon.monitoring.agent.delivery.CredentialsRejectedException;
import org.opsmon.monitoring.agent.delivery.Delivery;
import org.opsmon.monitoring.agent.delivery.NoTlsContext;
import org.opsmon.monitoring.agent.delivery.TokenClient;
import org.opsmon.monitoring.agent.delivery.TrustedCertificates;
import org.opsmon.monitoring.agent.gpu.GpuCollector;
import org.opsmon.monitoring.agent.probe.LinkProbe;
import org.opsmon.monitoring.agent.schedule.CollectionScheduler;
import org.opsmon.monitoring.agent.schedule.SnapshotBuilder;
import org.opsmon.monitoring.agent.spool.SequenceFile;
import org.opsmon.monitoring.agent.spool.Spool;
import oshi.SystemInfo;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.software.os.OperatingSystem;
import oshi.software.os.linux.LinuxOperatingSystem;

/**
 * Wires collectors, spool and delivery together and runs the snapshot loop. Collection and
 * delivery are decoupled by the spool: the loop only ever writes to disk, so a slow or absent
 * server never delays or loses a snapshot.
 */
public final class Agent {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FATAL = 1;
    public static final int EXIT_CONFIG = 2;
    public static final int EXIT_UNREACHABLE = 3;
    public static final int EXIT_REJECTED = 4;

    private static final Logger LOG = Logger.getLogger(Agent.class.getName());

    private final AgentSettings settings;
    private final TrustedCertificates trusted;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicReference<String> fatal = new AtomicReference<>();

    /**
     * @throws IllegalArgumentException when the {@code ca-cert} file cannot be read or holds no
     *         certificate: a configuration error, raised before anything starts
     */
    public Agent(AgentSettings settings) {
        this.settings = settings;
        this.trusted = settings.caCert() == null ? null : TrustedCertificates.fromPem(settings.caCert());
    }

    public static String version() {
        try (InputStream in = Agent.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The standard collector set; the probe is added only when there is a server to probe. */
    static CollectionScheduler collectors(AgentSettings s, CommandCollector commands, LinkProbe probe,
                                          Duration override) {
        SystemInfo si = new SystemInfo();
        HardwareAbstractionLayer hal = si.getHardware();
        OperatingSystem os = si.getOperatingSystem();
        CollectionScheduler scheduler = new CollectionScheduler();
        add(scheduler, s, override, new ProcessorCollector(hal.getProcessor()));
        add(scheduler, s, override, new MemoryCollector(hal.getMemory()));
        add(scheduler, s, override, new FilesystemCollector(os.getFileSystem()));
        add(scheduler, s, override, new DiskIoCollector());
        add(scheduler, s, override, new NetworkCollector());
        add(scheduler, s, override, new GpuCollector(s.timeoutOf("gpu").toMillis()));
        add(scheduler, s, override, new SystemCollector(os));
        add(scheduler, s, override, commands);
        if (probe != null) {
            add(scheduler, s, override, probe);
        }
        return scheduler;
    }

    private static void add(CollectionScheduler scheduler, AgentSettings s, Duration override,
                            org.opsmon.monitoring.agent.collect.Collector c) {
        Duration interval = s.intervalOf(c.name());
        if (override != null && !interval.isZero()) {
            interval = override;
        }
        scheduler.add(c, interval, s.timeoutOf(c.name()));
    }

    static CommandCollector commandCollector(AgentSettings s, Path stateDir) {
        return new CommandCollector(stateDir, s.commandsCap(), LinuxOperatingSystem.getHz());
    }

    /**
     * One snapshot without server or spool: every collector runs twice about a second apart,
     * because CPU usage (and "new" commands) only exist as a difference between two readings.
     */
    public static JsonObject once(AgentSettings s) throws InterruptedException {
        CommandCollector commands = commandCollector(s, null);
        try (CollectionScheduler scheduler = collectors(s, commands, null, Duration.ofMillis(900))) {
            Duration settle = Duration.ofSeconds(15);
            scheduler.runRound(settle);
            Thread.sleep(1_000);
            CollectionScheduler.Round round = scheduler.runRound(settle);
            JsonObjectBuilder agent = Fields.object().add("version", version())
                    .add("commands_dropped", commands.dropped());
            return SnapshotBuilder.build(System.currentTimeMillis(), System.currentTimeMillis(), round, agent.build());
        }
    }

    /** Runs until stopped (signal) or a fatal delivery error; returns the process exit code. */
    public int run() throws IOException, InterruptedException {
        if (trusted != null) {
            LOG.info(() -> "trusting only " + trusted.describe());
        }
        HttpClient http = httpClient(settings.server(), trusted);
        TokenClient tokens = new TokenClient(http, settings.server(), settings.username(), settings.password(),
                settings.enrollmentSecret());
        if (!settings.service()) {
            try {
                tokens.bearer();
            } catch (CredentialsRejectedException e) {
                LOG.severe(e.getMessage());
                return EXIT_REJECTED;
            } catch (SSLHandshakeException e) {
                LOG.severe("TLS handshake with the server at " + settings.server() + " failed (" + e.getMessage() + ")"
                        + (trusted == null ? "; if its certificate comes from a private CA or is self-signed, "
                        + "give that certificate with --ca-cert" : ""));
                return EXIT_UNREACHABLE;
            } catch (IOException e) {
                LOG.severe("cannot reach the server at " + settings.server() + " (" + e.getMessage()
                        + "); use --wait-for-server to keep retrying");
                return EXIT_UNREACHABLE;
            }
        }

        Spool spool = Spool.open(settings.spool(), settings.spoolMaxBytes());
        SequenceFile seq = SequenceFile.open(settings.spool(), spool.lastId());
        AtomicLong rejected = new AtomicLong();
        CommandCollector commands = commandCollector(settings, settings.spool());
        LinkProbe probe = new LinkProbe(http, settings.server(), tokens, settings.probeBytes());
        CollectionScheduler scheduler = collectors(settings, commands, probe, null);
        Delivery delivery = new Delivery(spool, tokens, http, settings.server(), settings.transport(), rejected,
                reason -> {
                    fatal.set(reason);
                    stop.countDown();
                }, new Backoff(1_000, 60_000));
        LOG.info(() -> "monitoring agent " + version() + " started: server " + settings.server() + ", interval "
                + settings.interval().toMillis() + " ms, collectors " + scheduler.names() + ", spool " + settings.spool()
                + " (" + spool.pending() + " snapshots pending)");
        delivery.start();

        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        long intervalNanos = settings.interval().toNanos();
        Duration settle = Duration.ofNanos(Math.min(intervalNanos / 2, TimeUnit.SECONDS.toNanos(5)));
        long next = System.nanoTime();
        try {
            while (stop.getCount() > 0) {
                CollectionScheduler.Round round = scheduler.runRound(settle);
                JsonObject agent = Fields.object()
                        .add("version", version())
                        .add("spool_bytes", spool.bytes())
                        .add("spool_pending", spool.pending())
                        .add("spool_evicted", spool.evicted())
                        .add("commands_dropped", commands.dropped())
                        .add("snapshots_rejected", rejected.get())
                        .build();
                long id = seq.next();
                JsonObject snapshot = SnapshotBuilder.build(System.currentTimeMillis(), id, round, agent);
                try {
                    spool.append(id, snapshot.toString().getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    LOG.severe("cannot write to the spool " + settings.spool() + ": " + e.getMessage());
                }
                next += intervalNanos;
                long now = System.nanoTime();
                if (next - now < 0) {
                    next = now + intervalNanos;
                }
                stop.await(next - now, TimeUnit.NANOSECONDS);
            }
        } finally {
            delivery.stop();
            scheduler.close();
            spool.close();
            LOG.info("monitoring agent stopped");
            stopped.countDown();
        }
        String reason = fatal.get();
        if (reason != null) {
            LOG.severe("stopping: " + reason);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Already shutting down.
            }
            return EXIT_FATAL;
        }
        return EXIT_OK;
    }

    /**
     * The one HTTP client of the agent (login, batches, probe, WebSocket). {@code trusted} null
     * means the JDK's trust store; the client verifies the server's hostname either way.
     */
    static HttpClient httpClient(URI server, TrustedCertificates trusted) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1);
        if ("http".equals(server.getScheme())) {
            // Spares a plain-http agent the TLS stack and cacerts the client's default context would load.
            builder.sslContext(NoTlsContext.create()).sslParameters(new SSLParameters());
        } else if (trusted != null) {
            builder.sslContext(trusted.sslContext());
        }
        return builder.build();
    }

    /** Asks a running agent to finish its current snapshot and stop (used by tests). */
    public void requestStop() {
        stop.countDown();
    }
}
