package org.opsmon.monitoring.agent.cli;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.opsmon.monitoring.agent.Agent;
import org.opsmon.monitoring.agent.config.AgentSettings;
import org.opsmon.monitoring.agent.delivery.TrustedCertificates;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Command line of the agent. Flags mirror config file keys one to one; flags win. */
@Command(name = "monitoring-agent", mixinStandardHelpOptions = true, versionProvider = AgentCommand.Version.class,
        sortOptions = false,
        description = "Collects CPU, memory, disk, network, GPU and command activity of this host and sends it to the monitoring server.",
        footer = {"",
                "Every option except --config, --once, --help and --version is also a key in the config file,",
                "named like the option without dashes (e.g. spool-max-bytes=200MiB); per-collector keys:",
                "interval.<collector>=DURATION (0 disables it) and timeout.<collector>=DURATION for",
                "collectors cpu, memory, filesystems, disk_io, network, gpu, system, commands (timeout.probe too).",
                "The password can also come from the environment variable " + AgentSettings.PASSWORD_ENV + ",",
                "the enrollment secret from " + AgentSettings.ENROLLMENT_ENV + ".",
                "",
                "Exit codes: 0 ok (or --once printed a snapshot), 1 fatal runtime error (e.g. HTTP 403),",
                "2 bad command line or configuration, 3 server unreachable at start,",
                "4 credentials rejected at start."})
public final class AgentCommand implements Callable<Integer> {

    @Option(names = "--server", paramLabel = "URL", description = "Server base URL, e.g. http://monitor:8080")
    String server;

    @Option(names = "--ca-cert", paramLabel = "FILE",
            description = "PEM file with the certificate(s) to trust for an https server (its private CA or its self-signed certificate) instead of the JDK's trust store")
    String caCert;

    @Option(names = "--username", paramLabel = "NAME", description = "Agent account name")
    String username;

    @Option(names = "--password", paramLabel = "SECRET",
            description = "Agent password (prefer the config file or " + AgentSettings.PASSWORD_ENV + ": flags are visible in ps)")
    String password;

    @Option(names = "--enrollment-secret", paramLabel = "SECRET",
            description = "Create the account on first login if it does not exist yet")
    String enrollmentSecret;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file (default /etc/monitoring-agent/agent.properties; a missing default file is fine, a missing named file is an error)")
    Path config;

    @Option(names = "--interval", paramLabel = "DURATION",
            description = "Snapshot interval and interval of the fast collectors: 500ms, 10s, 5m or seconds (default 10s)")
    String interval;

    @Option(names = "--collector-interval", paramLabel = "NAME=DURATION",
            description = "Interval of one collector, repeatable (default filesystems=30s, others follow --interval); 0 disables")
    Map<String, String> collectorIntervals = new LinkedHashMap<>();

    @Option(names = "--spool", paramLabel = "DIR", description = "Spool and state directory (default /var/lib/monitoring-agent/spool)")
    String spool;

    @Option(names = "--spool-max-bytes", paramLabel = "SIZE", description = "Spool bound, oldest evicted first (default 100MiB)")
    String spoolMaxBytes;

    @Option(names = "--probe-interval", paramLabel = "DURATION", description = "Link throughput probe interval (default 10m, 0 disables)")
    String probeInterval;

    @Option(names = "--probe-bytes", paramLabel = "SIZE", description = "Bytes moved each way by the probe (default 1MiB, max 16MiB)")
    String probeBytes;

    @Option(names = "--transport", paramLabel = "auto|websocket|http", description = "Delivery path (default auto: WebSocket, HTTP fallback)")
    String transport;

    @Option(names = "--commands-cap", paramLabel = "N", description = "Most commands per snapshot, the rest is counted as dropped (default 500)")
    String commandsCap;

    @Option(names = "--log-level", paramLabel = "LEVEL", description = "SEVERE, WARNING, INFO (default), FINE")
    String logLevel;

    @Option(names = {"--wait-for-server", "--service"}, description = "Keep retrying when the server is unreachable or rejects the login at start (config key service=true)")
    Boolean waitForServer;

    @Option(names = "--once", description = "Print one snapshot as JSON on stdout and exit (no server needed)")
    boolean once;

    private final Map<String, String> env;
    private PrintStream out = System.out;
    private PrintStream err = System.err;

    public AgentCommand() {
        this(System.getenv());
    }

    AgentCommand(Map<String, String> env) {
        this.env = env;
    }

    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err, System.getenv()));
    }

    /** Runs the command line with explicit streams and environment, so tests see real exit codes. */
    public static int execute(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        AgentCommand cmd = new AgentCommand(env);
        cmd.out = out;
        cmd.err = err;
        CommandLine cl = new CommandLine(cmd);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExitCodeExceptionMapper(e -> Agent.EXIT_FATAL);
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        AgentSettings settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException | IOException e) {
            return configurationError(e.getMessage());
        }
        configureLogging(settings.logLevel());
        try {
            if (once) {
                if (settings.caCert() != null) {
                    // --once checks an install: a ca-cert the service could not use fails here too.
                    try {
                        TrustedCertificates.fromPem(settings.caCert());
                    } catch (IllegalArgumentException e) {
                        return configurationError(e.getMessage());
                    }
                }
                JsonObject snapshot = Agent.once(settings);
                out.println(snapshot);
                out.flush();
                return Agent.EXIT_OK;
            }
            String missing = settings.missingForDelivery();
            if (missing != null) {
                return configurationError(missing);
            }
            Agent agent;
            try {
                agent = new Agent(settings);
            } catch (IllegalArgumentException e) {
                return configurationError(e.getMessage());
            }
            return agent.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Agent.EXIT_FATAL;
        } catch (IOException e) {
            err.println("monitoring-agent: " + e.getMessage());
            return Agent.EXIT_FATAL;
        }
    }

    private int configurationError(String message) {
        err.println("monitoring-agent: configuration error: " + message);
        return Agent.EXIT_CONFIG;
    }

    AgentSettings settings() throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        boolean explicit = config != null;
        Path file = explicit ? config : AgentSettings.DEFAULT_CONFIG;
        values.putAll(AgentSettings.readFile(file, explicit));
        for (String key : values.keySet()) {
            if (!AgentSettings.isKnownKey(key)) {
                throw new IllegalArgumentException("unknown key '" + key + "' in " + file);
            }
        }
        putEnv(values, "password", AgentSettings.PASSWORD_ENV);
        putEnv(values, "enrollment-secret", AgentSettings.ENROLLMENT_ENV);
        put(values, "server", server);
        put(values, "ca-cert", caCert);
        put(values, "username", username);
        put(values, "password", password);
        put(values, "enrollment-secret", enrollmentSecret);
        put(values, "interval", interval);
        put(values, "spool", spool);
        put(values, "spool-max-bytes", spoolMaxBytes);
        put(values, "probe-interval", probeInterval);
        put(values, "probe-bytes", probeBytes);
        put(values, "transport", transport);
        put(values, "commands-cap", commandsCap);
        put(values, "log-level", logLevel);
        if (waitForServer != null) {
            values.remove("wait-for-server");
            values.put("service", waitForServer.toString());
        }
        for (Map.Entry<String, String> e : collectorIntervals.entrySet()) {
            String key = "interval." + e.getKey();
            if (!AgentSettings.isKnownKey(key)) {
                throw new IllegalArgumentException("--collector-interval: unknown collector '" + e.getKey() + "'");
            }
            values.put(key, e.getValue());
        }
        return AgentSettings.from(values);
    }

    private void putEnv(Map<String, String> values, String key, String variable) {
        String v = env.get(variable);
        if (v != null && !v.isEmpty()) {
            values.put(key, v);
        }
    }

    private static void put(Map<String, String> values, String key, String value) {
        if (value != null) {
            values.put(key, value);
        }
    }

    private static void configureLogging(String level) {
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        ConsoleHandler handler = new ConsoleHandler();
        handler.setFormatter(new OneLineFormatter());
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        root.setLevel(Level.parse(level));
        // OSHI reports every unreadable /proc file; only its real problems are worth a line.
        Logger.getLogger("oshi").setLevel(Level.SEVERE);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"monitoring-agent " + Agent.version()};
        }
    }
}
