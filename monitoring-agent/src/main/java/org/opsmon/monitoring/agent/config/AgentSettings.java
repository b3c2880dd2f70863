package org.opsmon.monitoring.agent.config;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The agent's effective configuration. Sources are layered as operators expect:
 * built-in defaults, then the properties file, then environment (secrets only), then flags.
 * Every value is validated here so that a typo fails at start with a sentence naming the key,
 * never later as a puzzling runtime behaviour.
 */
public final class AgentSettings {

    public static final Path DEFAULT_CONFIG = Path.of("/etc/monitoring-agent/agent.properties");
    public static final String PASSWORD_ENV = "MONITORING_AGENT_PASSWORD";
    public static final String ENROLLMENT_ENV = "MONITORING_ENROLLMENT_SECRET";

    /** Collector names as they appear in {@code collectors[].name} and in {@code interval.<name>} keys. */
    public static final List<String> COLLECTORS = List.of(
            "cpu", "memory", "filesystems", "disk_io", "network", "gpu", "system", "commands", "probe");

    private static final Set<String> PLAIN_KEYS = Set.of(
            "server", "username", "password", "enrollment-secret", "interval", "spool", "spool-max-bytes",
            "probe-interval", "probe-bytes", "service", "wait-for-server", "transport", "log-level", "commands-cap",
            "ca-cert");

    private static final long MAX_PROBE_BYTES = 16L << 20;

    private final URI server;
    private final Path caCert;
    private final String username;
    private final String password;
    private final String enrollmentSecret;
    private final Duration interval;
    private final Map<String, Duration> intervals;
    private final Map<String, Duration> timeouts;
    private final Path spool;
    private final long spoolMaxBytes;
    private final long probeBytes;
    private final boolean service;
    private final String transport;
    private final String logLevel;
    private final int commandsCap;

    private AgentSettings(Map<String, String> v) {
        server = v.containsKey("server") ? parseServer(v.get("server")) : null;
        caCert = caCert(v.get("ca-cert"), server);
        username = blankToNull(v.get("username"));
        password = blankToNull(v.get("password"));
        enrollmentSecret = blankToNull(v.get("enrollment-secret"));
        interval = positive("interval", v.getOrDefault("interval", "10s"));
        spool = Path.of(v.getOrDefault("spool", "/var/lib/monitoring-agent/spool"));
        spoolMaxBytes = bytes("spool-max-bytes", v.getOrDefault("spool-max-bytes", "100MiB"));
        if (spoolMaxBytes < (1L << 20)) {
            throw new IllegalArgumentException("spool-max-bytes must be at least 1MiB");
        }
        probeBytes = bytes("probe-bytes", v.getOrDefault("probe-bytes", "1MiB"));
        if (probeBytes < 1 || probeBytes > MAX_PROBE_BYTES) {
            throw new IllegalArgumentException("probe-bytes must be between 1 and 16MiB");
        }
        service = bool("service", v.getOrDefault("service", v.getOrDefault("wait-for-server", "false")));
        transport = v.getOrDefault("transport", "auto").toLowerCase(Locale.ROOT);
        if (!Set.of("auto", "websocket", "http").contains(transport)) {
            throw new IllegalArgumentException("transport must be auto, websocket or http, not '" + transport + "'");
        }
        logLevel = v.getOrDefault("log-level", "INFO").toUpperCase(Locale.ROOT);
        if (!Set.of("SEVERE", "WARNING", "INFO", "FINE", "FINER", "FINEST", "ALL", "OFF").contains(logLevel)) {
            throw new IllegalArgumentException("log-level must be one of SEVERE, WARNING, INFO, FINE, FINEST");
        }
        try {
            commandsCap = Integer.parseInt(v.getOrDefault("commands-cap", "500").trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("commands-cap must be a whole number");
        }
        if (commandsCap < 1) {
            throw new IllegalArgumentException("commands-cap must be at least 1");
        }

        intervals = new LinkedHashMap<>();
        timeouts = new LinkedHashMap<>();
        for (String c : COLLECTORS) {
            Duration d;
            if (c.equals("probe")) {
                d = nonNegative("probe-interval", v.getOrDefault("probe-interval", "10m"));
            } else if (v.containsKey("interval." + c)) {
                d = nonNegative("interval." + c, v.get("interval." + c));
            } else if (c.equals("filesystems")) {
                // statvfs on many mounts is the slowest fast-path call; space changes slowly anyway.
                d = interval.compareTo(Duration.ofSeconds(30)) > 0 ? interval : Duration.ofSeconds(30);
            } else {
                d = interval;
            }
            intervals.put(c, d);
            Duration defaultTimeout = c.equals("probe") ? Duration.ofSeconds(60)
                    : min(Duration.ofSeconds(10), max(d, Duration.ofSeconds(2)));
            timeouts.put(c, v.containsKey("timeout." + c) ? positive("timeout." + c, v.get("timeout." + c)) : defaultTimeout);
        }
    }

    /** Validates keys (unknown keys are errors so typos surface) and builds the settings. */
    public static AgentSettings from(Map<String, String> values) {
        for (String key : values.keySet()) {
            if (!isKnownKey(key)) {
                throw new IllegalArgumentException("unknown configuration key '" + key + "'");
            }
        }
        return new AgentSettings(values);
    }

    public static boolean isKnownKey(String key) {
        if (PLAIN_KEYS.contains(key)) {
            return true;
        }
        for (String prefix : List.of("interval.", "timeout.")) {
            if (key.startsWith(prefix)) {
                String c = key.substring(prefix.length());
                return COLLECTORS.contains(c) && !(prefix.equals("interval.") && c.equals("probe"));
            }
        }
        return false;
    }

    /**
     * Reads a properties file. A missing default file is normal (flags only); a missing file the
     * operator named explicitly is an error, because silently running without it hides a typo.
     */
    public static Map<String, String> readFile(Path file, boolean explicit) throws IOException {
        Map<String, String> out = new TreeMap<>();
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            if (explicit) {
                throw new NoSuchFileException(file.toString(), null, "config file not found");
            }
            return out;
        }
        for (String k : p.stringPropertyNames()) {
            out.put(k.trim(), p.getProperty(k).trim());
        }
        return out;
    }

    private static URI parseServer(String s) {
        try {
            URI u = URI.create(s.trim());
            if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
                throw new IllegalArgumentException();
            }
            String text = u.toString();
            return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("server must be an http(s) URL such as http://host:8080, not '" + s + "'");
        }
    }

    /** Only the path is checked here; the file is read where TLS is set up, once, at start. */
    private static Path caCert(String text, URI server) {
        String s = blankToNull(text);
        if (s == null) {
            return null;
        }
        if (server != null && !"https".equals(server.getScheme())) {
            throw new IllegalArgumentException("ca-cert is only used with an https:// server, but server is " + server
                    + " (remove ca-cert or use the server's https URL)");
        }
        try {
            return Path.of(s.trim());
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("ca-cert: '" + s + "' is not a file path");
        }
    }

    private static Duration positive(String key, String text) {
        Duration d = nonNegative(key, text);
        if (d.isZero()) {
            throw new IllegalArgumentException(key + " must be greater than zero");
        }
        return d;
    }

    private static Duration nonNegative(String key, String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage());
        }
    }

    private static long bytes(String key, String text) {
        try {
            return Durations.parseBytes(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage());
        }
    }

    private static boolean bool(String key, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("true") || t.equals("yes") || t.equals("1")) {
            return true;
        }
        if (t.equals("false") || t.equals("no") || t.equals("0")) {
            return false;
        }
        throw new IllegalArgumentException(key + " must be true or false, not '" + text + "'");
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

    public long probeBytes() {
        return probeBytes;
    }

    public boolean service() {
        return service;
    }

    public String transport() {
        return transport;
    }

    public String logLevel() {
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
