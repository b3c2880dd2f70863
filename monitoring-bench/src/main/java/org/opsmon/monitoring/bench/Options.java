package org.opsmon.monitoring.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command line of {@link IngestLoad}: {@code --key value} pairs over documented defaults.
 * Hand-rolled because a dozen flags do not justify a parser dependency in a measuring tool.
 */
record Options(String server, String adminPassword, int clients, int concurrency, Duration duration,
               Duration warmup, int batch, long maxRequests, String clientPrefix, String clientPassword,
               Duration history, Long serverPid, String database, String label) {

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");

    /** Flag name, default value (null: none) and description, in the order --help lists them. */
    private static final String[][] FLAGS = {
        {"server", "http://127.0.0.1:8080", "base URL of the monitoring server"},
        {"admin-password", null, "password of 'admin' (default: $MONITORING_ADMIN_PASSWORD)"},
        {"clients", "8", "bench clients to register; each belongs to one worker so its seq stays ordered"},
        {"concurrency", "4", "workers sending at the same time (at most --clients)"},
        {"duration", "30s", "measured time (ms, s, m, h)"},
        {"warmup", "5s", "unmeasured sending before the measurement, lets the JIT and pools settle"},
        {"batch", "1", "snapshots per request (1 = one snapshot object, more = a JSON array)"},
        {"max-requests", "1000000", "stop the measurement after this many requests even if time is left"},
        {"client-prefix", "bench-", "client names are the prefix plus 001, 002, ..."},
        {"client-password", "benchpass123", "password of the bench clients"},
        {"history", "2h", "how far in the past the first snapshot of a new client lies"},
        {"server-pid", null, "process id of the server (default: the process listening on the server's port)"},
        {"database", null, "PostgreSQL database of the server, to attribute backend CPU time to it"},
        {"label", "", "scenario name echoed in the RESULT line"},
    };

    static Options parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String[] flag : FLAGS) {
            values.put(flag[0], flag[1]);
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new UsageException(null);
            }
            if (!arg.startsWith("--") || !values.containsKey(arg.substring(2))) {
                throw new UsageException("unknown option " + arg);
            }
            if (i + 1 >= args.length) {
                throw new UsageException(arg + " needs a value");
            }
            values.put(arg.substring(2), args[++i]);
        }
        String adminPassword = values.get("admin-password");
        if (adminPassword == null) {
            adminPassword = System.getenv("MONITORING_ADMIN_PASSWORD");
        }
        if (adminPassword == null || adminPassword.isEmpty()) {
            throw new UsageException("--admin-password (or MONITORING_ADMIN_PASSWORD) is required");
        }
        String server = values.get("server").replaceAll("/+$", "");
        int clients = positive(values, "clients");
        int concurrency = positive(values, "concurrency");
        if (concurrency > clients) {
            throw new UsageException("--concurrency " + concurrency + " exceeds --clients " + clients
                    + ": two workers sharing a client would send its seq out of order");
        }
        String pid = values.get("server-pid");
        return new Options(server, adminPassword, clients, concurrency, duration(values, "duration"),
                duration(values, "warmup"), positive(values, "batch"), positive(values, "max-requests"),
                values.get("client-prefix"), values.get("client-password"), duration(values, "history"),
                pid == null ? null : (long) positive(values, "server-pid"), values.get("database"),
                values.get("label"));
    }

    static String usage() {
        StringBuilder text = new StringBuilder("Usage: java -jar monitoring-bench.jar [--key value]...\n")
                .append("Registers bench clients, then posts rich snapshots as fast as the workers can.\n\n");
        for (String[] flag : FLAGS) {
            text.append(String.format("  --%-16s %s%s%n", flag[0], flag[2],
                    flag[1] == null || flag[1].isEmpty() ? "" : " [" + flag[1] + "]"));
        }
        return text.toString();
    }

    static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new UsageException("not a duration: " + text + " (e.g. 500ms, 30s, 2m, 1h)");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    private static Duration duration(Map<String, String> values, String key) {
        return parseDuration(values.get(key));
    }

    private static int positive(Map<String, String> values, String key) {
        try {
            int value = Integer.parseInt(values.get(key));
            if (value < 1) {
                throw new UsageException("--" + key + " must be at least 1");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + key + " must be a whole number, got " + values.get(key));
        }
    }

    /** A command-line mistake; a null message means the user asked for help. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
