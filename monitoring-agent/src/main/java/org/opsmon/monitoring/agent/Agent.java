package org.opsmon.monitoring.agent;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import javax.net.ssl.SSLParameters;
import org.opsmon.monitoring.agent.collect.Collector;
import org.opsmon.monitoring.agent.collect.DiskIoCollector;
import org.opsmon.monitoring.agent.collect.FilesystemCollector;
import org.opsmon.monitoring.agent.collect.MemoryCollector;
import org.opsmon.monitoring.agent.collect.NetworkCollector;
import org.opsmon.monitoring.agent.collect.ProcessorCollector;
import org.opsmon.monitoring.agent.collect.SystemCollector;
import org.opsmon.monitoring.agent.commands.CommandCollector;
import org.opsmon.monitoring.agent.config.AgentSettings;
import org.opsmon.monitoring.agent.delivery.Backoff;
import org.opsmon.monitoring.agent.delivery.CredentialsRejectedException;
import org.opsmon.monitoring.agent.delivery.DeadLetters;
import org.opsmon.monitoring.agent.delivery.Delivery;
import org.opsmon.monitoring.agent.delivery.NoTlsContext;
import org.opsmon.monitoring.agent.delivery.TokenClient;
import org.opsmon.monitoring.agent.delivery.TrustedCertificates;
import org.opsmon.monitoring.agent.gpu.GpuCollector;
import org.opsmon.monitoring.agent.probe.LinkProbe;
import org.opsmon.monitoring.agent.schedule.CollectionScheduler;
import org.opsmon.monitoring.agent.spool.SequenceFile;
import org.opsmon.monitoring.agent.spool.Spool;
import oshi.SystemInfo;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.software.os.OperatingSystem;
import oshi.software.os.linux.LinuxOperatingSystem;

/**
 * Wires collectors, spool, delivery and the {@link SnapshotLoop} together and owns their
 * lifetime: started by {@link #run}, stopped by a signal or by delivery giving up. What an
 * outcome means for the process (exit codes, the login check at start) is the command line's call.
 */
public final class Agent {

    /** Read once: every snapshot carries it. */
    public static final String VERSION = readVersion();

    private static final Logger LOG = Logger.getLogger(Agent.class.getName());

    private final AgentSettings settings;
    private final TrustedCertificates trusted;
    private final HttpClient http;
    private final TokenClient tokens;
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
        if (trusted != null) {
            LOG.info(() -> "trusting only " + trusted.describe());
        }
        this.http = httpClient(settings.server(), trusted);
        this.tokens = new TokenClient(http, settings.server(), settings.username(), settings.password(),
                settings.enrollmentSecret());
    }

    private static String readVersion() {
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

    private static void add(CollectionScheduler scheduler, AgentSettings s, Duration override, Collector c) {
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
            return new SnapshotLoop(scheduler, commands, null, null).snapshot(System.currentTimeMillis(), round);
        }
    }

    /** Logs in once, so that a start with wrong credentials or no server can fail at once. */
    public void login() throws IOException, InterruptedException, CredentialsRejectedException {
        tokens.bearer();
    }

    /**
     * Runs until stopped by a signal or {@link #requestStop}, or until delivery gives up.
     *
     * @return why delivery gave up; empty when the agent was asked to stop
     */
    public Optional<String> run() throws IOException, InterruptedException {
        Spool spool = Spool.open(settings.spool(), settings.spoolMaxBytes());
        SequenceFile seq = SequenceFile.open(settings.spool(), spool.lastId());
        DeadLetters deadLetters = new DeadLetters(settings.spool(), settings.deadLetterMaxBytes());
        CommandCollector commands = commandCollector(settings, settings.spool());
        LinkProbe probe = new LinkProbe(http, settings.server(), tokens, settings.probeBytes());
        CollectionScheduler scheduler = collectors(settings, commands, probe, null);
        Delivery delivery = new Delivery(spool, tokens, http, settings.server(), settings.transport(), deadLetters,
                reason -> {
                    fatal.set(reason);
                    stop.countDown();
                }, new Backoff(1_000, 60_000));
        LOG.info(() -> "monitoring agent " + VERSION + " started: server " + settings.server() + ", interval "
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
        try {
            new SnapshotLoop(scheduler, commands, spool, deadLetters).run(settings.interval(), seq, stop);
        } finally {
            delivery.stop();
            scheduler.close();
            spool.close();
            LOG.info("monitoring agent stopped");
            stopped.countDown();
        }
        Optional<String> reason = Optional.ofNullable(fatal.get());
        if (reason.isPresent()) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Already shutting down.
            }
        }
        return reason;
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
