package org.opsmon.monitoring.agent.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.opsmon.monitoring.agent.delivery.Transport;
import picocli.CommandLine.Option;

/**
 * The agent's configuration. Each option here is declared once and is at the same time a flag and
 * a config file key (the flag's name without dashes). picocli fills it from the flag, else from
 * {@link ConfigFile} (environment for the two secrets, then the file), else from the declared
 * default, converting with the same typed converter whichever source the text came from.
 * {@link #validate} then checks what no single value shows on its own and derives the per-collector
 * intervals and timeouts, so a typo fails at start with a sentence naming the key, never later as
 * a puzzling runtime behaviour.
 */
public final class AgentSettings {

    public static final Path DEFAULT_CONFIG = Path.of("/etc/monitoring-agent/agent.properties");
    public static final String PASSWORD_ENV = "MONITORING_AGENT_PASSWORD";
    public static final String ENROLLMENT_ENV = "MONITORING_ENROLLMENT_SECRET";
    /** Keys the environment may set; it ranks above the config file and below the flag. */
    static final Map<String, String> ENVIRONMENT = Map.of("password", PASSWORD_ENV, "enrollment-secret", ENROLLMENT_ENV);

    /** Collector names as they appear in {@code collectors[].name} and in {@code interval.<name>} keys. */
    public static final List<String> COLLECTORS = List.of(
            "cpu", "memory", "filesystems", "disk_io", "network", "gpu", "system", "commands", "probe");

    private static final long MIN_SPOOL_BYTES = 1L << 20;
    private static final long MAX_PROBE_BYTES = 16L << 20;

    @Option(names = "--server", paramLabel = "URL", converter = Converters.ServerUrl.class,
            description = "Server base URL, e.g. http://monitor:8080")
    private URI server;

    @Option(names = "--ca-cert", paramLabel = "FILE", converter = Converters.FilePath.class,
            description = "PEM file with the certificate(s) to trust for an https server (its private CA or its self-signed certificate) instead of the JDK's trust store")
    private Path caCert;

    @Option(names = "--username", paramLabel = "NAME", description = "Agent account name")
    private String username;

    @Option(names = "--password", paramLabel = "SECRET",
            description = "Agent password (prefer the config file or " + PASSWORD_ENV + ": flags are visible in ps)")
    private String password;

    @Option(names = "--enrollment-secret", paramLabel = "SECRET",
            description = "Create the account on first login if it does not exist yet")
    private String enrollmentSecret;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "10s", converter = Converters.HumanDuration.class,
            description = "Snapshot interval and interval of the fast collectors: 500ms, 10s, 5m or seconds (default ${DEFAULT-VALUE})")
    private Duration interval;

    // Kept as text: these join the file's interval.<name> keys and are read with them in validate(),
    // so a bad one is named interval.<name> whichever source it came from.
    @Option(names = "--collector-interval", paramLabel = "NAME=DURATION",
            description = "Interval of one collector, repeatable (default filesystems=30s, others follow --interval); 0 disables")
    private Map<String, String> collectorIntervals = new LinkedHashMap<>();

    @Option(names = "--spool", paramLabel = "DIR", defaultValue = "/var/lib/monitoring-agent/spool",
            converter = Converters.FilePath.class, description = "Spool and state directory (default ${DEFAULT-VALUE})")
    private Path spool;

    @Option(names = "--spool-max-bytes", paramLabel = "SIZE", defaultValue = "100MiB", converter = Converters.ByteSize.class,
            description = "Spool bound, oldest evicted first (default ${DEFAULT-VALUE})")
    private long spoolMaxBytes;

    @Option(names = "--dead-letter-max-bytes", paramLabel = "SIZE", defaultValue = "10MiB", converter = Converters.ByteSize.class,
            description = "Bound of the dead-letter file (and its previous generation) in the spool directory (default ${DEFAULT-VALUE})")
    private long deadLetterMaxBytes;

    @Option(names = "--probe-interval", paramLabel = "DURATION", defaultValue = "10m", converter = Converters.HumanDuration.class,
            description = "Link throughput probe interval (default ${DEFAULT-VALUE}, 0 disables)")
    private Duration probeInterval;

    @Option(names = "--probe-bytes", paramLabel = "SIZE", defaultValue = "1MiB", converter = Converters.ByteSize.class,
            description = "Bytes moved each way by the probe (default ${DEFAULT-VALUE}, max 16MiB)")
    private long probeBytes;

    @Option(names = "--transport", paramLabel = "auto|websocket|http", defaultValue = "auto",
            converter = Converters.TransportName.class,
            description = "Delivery path (default ${DEFAULT-VALUE}: WebSocket, HTTP fallback)")
    private Transport transport;

    @Option(names = "--commands-cap", paramLabel = "N", defaultValue = "500",
            description = "Most commands per snapshot, the rest is counted as dropped (default ${DEFAULT-VALUE})")
    private int commandsCap;

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "INFO", converter = Converters.LogLevel.class,
            description = "SEVERE, WARNING, INFO (default), FINE")
    private Level logLevel;

    // arity 0 with a fallback: the flag always means true, even where the file already says true
    // (a plain boolean flag would flip a true default to false).
    @Option(names = {"--wait-for-server", "--service"}, arity = "0", fallbackValue = "true", defaultValue = "false",
            converter = Converters.YesNo.class,
            description = "Keep retrying when the server is unreachable or rejects the login at start (config key service=true)")
    private boolean service;

    private final Map<String, Duration> intervals = new LinkedHashMap<>();
    private final Map<String, Duration> timeouts = new LinkedHashMap<>();

    /** True for the per-collector keys {@code interval.<collector>} and {@code timeout.<collector>}. */
    static boolean isCollectorKey(String key) {
        for (String prefix : List.of("interval.", "timeout.")) {
            if (key.startsWith(prefix)) {
                String c = key.substring(prefix.length());
                return COLLECTORS.contains(c) && !(prefix.equals("interval.") && c.equals("probe"));
            }
        }
        return false;
    }

    /**
     * Checks the rules that span keys or bound a value, and derives every collector's interval and
     * timeout from {@code interval}, {@code probe-interval}, the file's per-collector keys and
     * {@code --collector-interval} (which wins over the file's {@code interval.<name>}).
     *
     * @throws IllegalArgumentException with a sentence naming the key
     */
    public AgentSettings validate(ConfigFile file) {
        username = blankToNull(username);
        password = blankToNull(password);
        enrollmentSecret = blankToNull(enrollmentSecret);
        if (caCert != null && server != null && !"https".equals(server.getScheme())) {
            throw new IllegalArgumentException("ca-cert is only used with an https:// server, but server is " + server
                    + " (remove ca-cert or use the server's https URL)");
        }
        if (interval.isZero()) {
            throw new IllegalArgumentException("interval must be greater than zero");
        }
        if (spool == null) {
            throw new IllegalArgumentException("spool must name a directory");
        }
        if (spoolMaxBytes < MIN_SPOOL_BYTES) {
            throw new IllegalArgumentException("spool-max-bytes must be at least 1MiB");
        }
        if (deadLetterMaxBytes < MIN_SPOOL_BYTES) {
            throw new IllegalArgumentException("dead-letter-max-bytes must be at least 1MiB");
        }
        if (probeBytes < 1 || probeBytes > MAX_PROBE_BYTES) {
            throw new IllegalArgumentException("probe-bytes must be between 1 and 16MiB");
        }
        if (commandsCap < 1) {
            throw new IllegalArgumentException("commands-cap must be at least 1");
        }
        Map<String, String> perCollector = new LinkedHashMap<>(file.collectorKeys());
        for (Map.Entry<String, String> e : collectorIntervals.entrySet()) {
            String key = "interval." + e.getKey();
            if (!isCollectorKey(key)) {
                throw new IllegalArgumentException("--collector-interval: unknown collector '" + e.getKey() + "'");
            }
            perCollector.put(key, e.getValue());
        }
        deriveTimings(perCollector);
        return this;
    }

    private void deriveTimings(Map<String, String> perCollector) {
        for (String c : COLLECTORS) {
            Duration d;
            if (c.equals("probe")) {
                d = probeInterval;
            } else if (perCollector.containsKey("interval." + c)) {
                d = duration(perCollector, "interval." + c);
            } else if (c.equals("filesystems")) {
                // statvfs on many mounts is the slowest fast-path call; space changes slowly anyway.
                d = max(interval, Duration.ofSeconds(30));
            } else {
                d = interval;
            }
            intervals.put(c, d);
            Duration timeout = c.equals("probe") ? Duration.ofSeconds(60) : min(Duration.ofSeconds(10), max(d, Duration.ofSeconds(2)));
            if (perCollector.containsKey("timeout." + c)) {
                timeout = duration(perCollector, "timeout." + c);
                if (timeout.isZero()) {
                    throw new IllegalArgumentException("timeout." + c + " must be greater than zero");
                }
            }
            timeouts.put(c, timeout);
        }
    }

    private static Duration duration(Map<String, String> values, String key) {
        try {
            return Durations.parse(values.get(key));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage());
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    public URI server() {
        return server;
    }

    /** PEM file of the certificates to trust instead of the JDK's trust store; null means the JDK's. */
    public Path caCert() {
        return caCert;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public String enrollmentSecret() {
        return enrollmentSecret;
    }

    public Duration interval() {
        return interval;
    }

    /** Zero means the collector is disabled. */
    public Duration intervalOf(String collector) {
        return intervals.get(collector);
    }

    public Duration timeoutOf(String collector) {
        return timeouts.get(collector);
    }

    public Path spool() {
        return spool;
    }

    public long spoolMaxBytes() {
        return spoolMaxBytes;
    }

    public long deadLetterMaxBytes() {
        return deadLetterMaxBytes;
    }

    public long probeBytes() {
        return probeBytes;
    }

    public boolean service() {
        return service;
    }

    public Transport transport() {
        return transport;
    }

    public Level logLevel() {
        return logLevel;
    }

    public int commandsCap() {
        return commandsCap;
    }

    /** What is missing to run against a server, as one sentence, or null when complete. */
    public String missingForDelivery() {
        StringBuilder sb = new StringBuilder();
        if (server == null) {
            sb.append(" server");
        }
        if (username == null) {
            sb.append(" username");
        }
        if (password == null) {
            sb.append(" password");
        }
        return sb.length() == 0 ? null : "missing required setting(s):" + sb
                + " (flags --server/--username/--password, config file keys, or " + PASSWORD_ENV + ")";
    }
}
