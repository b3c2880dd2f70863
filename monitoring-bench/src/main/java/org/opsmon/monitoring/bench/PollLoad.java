package org.opsmon.monitoring.bench;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Measures how many interface counters the server polls per minute from many SNMP devices.
 * Starts simulated v2c devices in this JVM (one loopback UDP port each), adds them through
 * {@code POST /api/devices} (which discovers each one), lets the server's own timer poll them,
 * and after a warm-up reads what the server says about the measured window from
 * {@code GET /api/monitor/polling}: polls ended, failures by reason, interface counters read
 * and stored, and poll duration percentiles (start to samples stored). Throughput is the
 * server's count, never the configuration's promise; the configured rate is printed beside it so
 * a poller that falls behind shows. Next to it: the server's CPU and memory, PostgreSQL's CPU
 * and what the simulated devices cost this JVM.
 *
 * <p>Example: {@code java -cp monitoring-bench/target/monitoring-bench.jar
 * org.opsmon.monitoring.bench.PollLoad --server http://127.0.0.1:18092 --admin-password secret
 * --devices 100 --interfaces 24 --poll-interval 10 --duration 2m}
 */
public final class PollLoad {

    /** The interface counters a poll stores per interface: octets, unicast packets, errors, discards, each in and out. */
    static final int COUNTERS_PER_INTERFACE = 8;

    private final PollOptions options;
    private final BenchApi api;
    private final String community = "bench-" + UUID.randomUUID().toString().substring(0, 8);

    private PollLoad(PollOptions options) {
        this.options = options;
        this.api = new BenchApi(options.server());
    }

    public static void main(String[] args) {
        System.exit(PollOptions.execute(args));
    }

    static int measure(PollOptions options) {
        try {
            new PollLoad(options).run();
            return 0;
        } catch (BenchApi.SetupException e) {
            System.err.println("poll-load: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            System.err.println("poll-load: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    private void run() throws IOException, InterruptedException {
        SimulatedMib mib = new SimulatedMib(options.interfaces(), System.currentTimeMillis());
        try (SimulatedDevices devices = SimulatedDevices.start(mib, community, options.devices(), options.basePort())) {
            System.out.printf(Locale.ROOT, "%d simulated devices on 127.0.0.1:%d-%d (%s each)%n", options.devices(),
                    options.basePort(), options.basePort() + options.devices() - 1, mib);
            String token = api.token("admin", options.adminPassword()).getString("access_token");
            long serverPid = serverPid();
            addDevices(token);
            System.out.printf(Locale.ROOT, "Warming up for %d s while the server polls ...%n", options.warmup().toSeconds());
            Thread.sleep(options.warmup().toMillis());

            CpuUsage before = CpuUsage.read(serverPid, options.database());
            JsonObject pollingBefore = polling(token, 1);
            long agentRequestsBefore = devices.requests();
            long agentCountersBefore = devices.counterValues();
            RssWatch rss = new RssWatch(serverPid);
            Thread rssThread = new Thread(rss, "rss-watch");
            rssThread.setDaemon(true);
            rssThread.start();
            Instant from = Instant.now();
            long start = System.nanoTime();
            System.out.printf(Locale.ROOT, "Measuring for %d s ...%n", options.duration().toSeconds());
            Thread.sleep(options.duration().toMillis());

            double seconds = (System.nanoTime() - start) / 1e9;
            CpuUsage after = CpuUsage.read(serverPid, options.database());
            JsonObject window = polling(token, Math.round(seconds));
            Instant until = Instant.now();
            rss.stop();
            rssThread.join();
            JsonObject process = get(token, "/api/monitor/process");
            int[] status = statuses(token);
            report(new Window(from, until, seconds), pollingBefore, window, process, status, after.since(before, seconds), rss, serverPid,
                    devices.requests() - agentRequestsBefore, devices.counterValues() - agentCountersBefore,
                    devices.refused());
        }
    }

    /** Adds every device; each answer must carry a discovery that found all its interfaces. */
    private void addDevices(String token) {
        long began = System.nanoTime();
        for (int d = 0; d < options.devices(); d++) {
            String name = options.devicePrefix() + String.format(Locale.ROOT, "%04d", d + 1);
            JsonObject body = Json.createObjectBuilder().add("name", name).add("address", "127.0.0.1")
                    .add("port", options.basePort() + d).add("version", "v2c").add("community", community)
                    .add("poll_interval_s", options.pollInterval()).build();
            HttpResponse<String> answer = api.send(HttpRequest.newBuilder(api.uri("/api/devices"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
            if (answer.statusCode() != 201) {
                throw new BenchApi.SetupException("adding device " + name + " answered " + answer.statusCode() + ": "
                        + answer.body() + (answer.statusCode() == 409 ? " (use a fresh database or --device-prefix)" : ""));
            }
            JsonObject device = json(answer.body());
            JsonValue interfaces = device.get("interfaces");
            int found = interfaces instanceof JsonArray list ? list.size() : 0;
            if (found != options.interfaces()) {
                throw new BenchApi.SetupException("discovery of " + name + " found " + found + " interfaces instead of "
                        + options.interfaces() + ": " + device.get("discovery"));
            }
        }
        System.out.printf(Locale.ROOT, "%d devices added and discovered in %.1f s, polled every %d s%n",
                options.devices(), (System.nanoTime() - began) / 1e9, options.pollInterval());
    }

    private JsonObject polling(String token, long windowSeconds) {
        return get(token, "/api/monitor/polling?window_s=" + Math.max(1, windowSeconds));
    }

    /** Devices online and offline now, among this run's. */
    private int[] statuses(String token) {
        HttpResponse<String> answer = api.send(HttpRequest.newBuilder(api.uri("/api/devices"))
                .header("Authorization", "Bearer " + token).GET().build());
        int online = 0;
        int other = 0;
        try (JsonReader reader = Json.createReader(new StringReader(answer.body()))) {
            for (JsonValue value : reader.readArray()) {
                JsonObject device = value.asJsonObject();
                if (!device.getString("name", "").startsWith(options.devicePrefix())) {
                    continue;
                }
                if ("online".equals(device.getString("status", ""))) {
                    online++;
                } else {
                    other++;
                }
            }
        }
        return new int[] {online, other};
    }

    private JsonObject get(String token, String path) {
        HttpResponse<String> answer = api.send(HttpRequest.newBuilder(api.uri(path))
                .header("Authorization", "Bearer " + token).GET().build());
        if (answer.statusCode() != 200) {
            throw new BenchApi.SetupException("GET " + path + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return json(answer.body());
    }

    private long serverPid() {
        if (options.serverPid() != null) {
            return options.serverPid();
        }
        int port = URI.create(options.server()).getPort();
        OptionalLong pid = ProcessProbe.listenerOf(port == -1 ? 80 : port);
        if (pid.isEmpty()) {
            System.out.println("note: no process of ours listens on port " + port
                    + "; server RSS and CPU are not reported (pass --server-pid)");
        }
        return pid.orElse(-1);
    }

    private static JsonObject json(String text) {
        return BenchApi.json(text);
    }

    /** The measured window, in wall-clock time for the database check and in seconds for the rates. */
    private record Window(Instant from, Instant until, double seconds) {
    }

    private void report(Window window, JsonObject before, JsonObject polled, JsonObject process, int[] status,
                        CpuUsage.Split cpu, RssWatch rss, long serverPid, long agentRequests, long agentCounters,
                        long agentRefused) {
        double minutes = window.seconds() / 60.0;
        PollFigures figures = PollFigures.of(options.devices(), options.interfaces(), options.pollInterval(),
                polled.getJsonNumber("counters").longValue(), polled.getJsonNumber("polls").longValue(), minutes);
        long polls = polled.getJsonNumber("polls").longValue();
        long answered = polled.getJsonNumber("answered").longValue();
        long deferred = polled.getJsonNumber("deferred").longValue() - before.getJsonNumber("deferred").longValue();
        JsonObject failures = polled.getJsonObject("failures");
        String failureText = failures.isEmpty() ? "none" : failures.toString().replace("\"", "");
        JsonObject heap = process.getJsonObject("heap");
        long heapUsed = heap.getJsonNumber("used").longValue();
        JsonValue heapMax = heap.get("max");
        long rssNow = ProcessProbe.statusBytes(serverPid, "VmRSS");
        int cores = Runtime.getRuntime().availableProcessors();

        System.out.println();
        System.out.printf(Locale.ROOT, "SNMP polling: %d devices x %d interfaces (%d counters each), every %d s; "
                        + "%.1f s measured after %d s warm-up%n", options.devices(), options.interfaces(),
                COUNTERS_PER_INTERFACE, options.pollInterval(), window.seconds(), options.warmup().toSeconds());
        System.out.printf(Locale.ROOT, "  (simulated devices and server share this machine's %d cores)%n", cores);
        System.out.printf(Locale.ROOT, "  counters      %,d read and stored (server's count)   %,.0f/min   "
                + "(configured %,.0f/min, %.0f%% of it)%n", polled.getJsonNumber("counters").longValue(),
                figures.countersPerMinute(), figures.configuredPerMinute(), figures.achievedPercent());
        System.out.printf(Locale.ROOT, "  polls         %,d ended, %,d answered   %,.0f/min (configured %,.0f/min); "
                + "%,d waited for a free slot%n", polls, answered, figures.pollsPerMinute(),
                figures.configuredPollsPerMinute(), deferred);
        System.out.printf(Locale.ROOT, "  poll (ms)     p50 %.1f   p99 %.1f   max %.1f   (start to samples stored)%s%n",
                number(polled, "p_50_ms"), number(polled, "p_99_ms"), number(polled, "max_ms"),
                polled.getBoolean("complete", true) ? "" : "  note: the server's ledger held only the latest polls");
        System.out.printf(Locale.ROOT, "  failed polls  %s; devices online %d, not online %d at the end%n", failureText,
                status[0], status[1]);
        System.out.printf(Locale.ROOT, "  devices side  %,.1f requests/s answered, %,.0f counter values/min handed out, "
                + "%d dropped%n", agentRequests / window.seconds(), agentCounters / minutes, agentRefused);
        if (serverPid > 0) {
            System.out.printf(Locale.ROOT, "  server memory heap %s used of %s; RSS %s now, %s highest during the run "
                    + "(pid %d)%n", mib(heapUsed), heapMax instanceof jakarta.json.JsonNumber max ? mib(max.longValue()) : "?",
                    mib(rssNow), mib(rss.highest()), serverPid);
        }
        System.out.printf(Locale.ROOT, "  CPU           server %.0f%%, postgres%s %.0f%%, simulated devices (this JVM) "
                        + "%.0f%%, anything else %.0f%%; machine %.0f%% of %d%% (100%% = one core)%n",
                cpu.server(), options.database() == null ? " (all)" : " (" + options.database() + " backends)",
                cpu.postgres(), cpu.generator(), cpu.other(), cpu.machine(), 100 * cores);
        System.out.printf(Locale.ROOT, "RESULT devices=%d interfaces=%d interval_s=%d seconds=%.1f from_epoch=%d "
                        + "until_epoch=%d counters=%d counters_per_min=%.0f configured_per_min=%.0f polls=%d answered=%d "
                        + "deferred=%d failures=%s p50_ms=%.1f p99_ms=%.1f max_ms=%.1f online=%d offline=%d "
                        + "heap_mib=%.0f rss_mib=%.0f rss_run_max_mib=%.0f cpu_server=%.0f cpu_postgres=%.0f "
                        + "cpu_devices=%.0f cpu_other=%.0f cpu_machine=%.0f%n",
                options.devices(), options.interfaces(), options.pollInterval(), window.seconds(),
                window.from().getEpochSecond(), window.until().getEpochSecond() + 1,
                polled.getJsonNumber("counters").longValue(), figures.countersPerMinute(), figures.configuredPerMinute(),
                polls, answered, deferred, failureText.replace(" ", ""), number(polled, "p_50_ms"),
                number(polled, "p_99_ms"), number(polled, "max_ms"), status[0], status[1], heapUsed / 1048576.0,
                rssNow / 1048576.0, rss.highest() / 1048576.0, cpu.server(), cpu.postgres(), cpu.generator(),
                cpu.other(), cpu.machine());
    }

    private static double number(JsonObject object, String name) {
        return object.getJsonNumber(name).doubleValue();
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "?" : String.format(Locale.ROOT, "%,.0f MiB", bytes / 1048576.0);
    }
}
