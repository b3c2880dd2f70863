package org.opsmon.monitoring.bench;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures how many agent snapshots the server stores per second over its public HTTP API.
 * Registers (or logs in) bench clients, sends unmeasured traffic while the JIT and the pools
 * warm up, then lets a fixed number of workers post as fast as answers come back for a fixed
 * time, and prints throughput in requests, snapshots and stored samples (as the server counts
 * them), latency percentiles, errors by status, the server's memory and the CPU split between
 * server, PostgreSQL and this generator. Closed loop on purpose: each worker waits for its
 * answer, so the figures are the server's capacity at that concurrency, not a queue's growth.
 *
 * <p>Example: {@code java -jar monitoring-bench/target/monitoring-bench.jar --server
 * http://127.0.0.1:18090 --admin-password secret --clients 8 --concurrency 4 --batch 10}
 */
public final class IngestLoad {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final int ERROR_EXAMPLES = 5;

    private final Options options;
    private final BenchApi api;
    private final HttpClient http;

    private IngestLoad(Options options) {
        this.options = options;
        this.api = new BenchApi(options.server());
        this.http = api.http();
    }

    public static void main(String[] args) {
        System.exit(Options.execute(args));
    }

    /** Runs one measurement and prints it; returns the process exit code. */
    static int measure(Options options) {
        try {
            new IngestLoad(options).run();
            return 0;
        } catch (BenchApi.SetupException e) {
            System.err.println("ingest-load: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    private void run() throws InterruptedException {
        List<BenchClient> clients = enroll();
        long serverPid = ProcessProbe.serverPid(options.serverPid(), options.server(), "server RSS and CPU");

        int concurrency = options.concurrency();
        long start = System.nanoTime();
        long measureFrom = start + options.warmup().toNanos();
        long measureUntil = measureFrom + options.duration().toNanos();
        AtomicLong budget = new AtomicLong(options.maxRequests());
        List<Worker> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            List<BenchClient> owned = new ArrayList<>();
            // Every client belongs to exactly one worker: its snapshots leave in seq order, as from one agent.
            for (int c = w; c < clients.size(); c += concurrency) {
                owned.add(clients.get(c));
            }
            workers.add(new Worker(owned, measureFrom, measureUntil, budget));
        }
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers.size(); w++) {
            Thread thread = new Thread(workers.get(w), "ingest-worker-" + (w + 1));
            threads.add(thread);
            thread.start();
        }
        System.out.printf(Locale.ROOT, "Warming up for %s ...%n", human(options.warmup()));
        sleepUntil(measureFrom);

        CpuUsage before = CpuUsage.read(serverPid, options.database());
        RssWatch rss = new RssWatch(serverPid);
        Thread rssThread = new Thread(rss, "rss-watch");
        rssThread.setDaemon(true);
        rssThread.start();
        System.out.printf(Locale.ROOT, "Measuring for %s (at most %,d requests) ...%n",
                human(options.duration()), options.maxRequests());
        for (Thread thread : threads) {
            thread.join();
        }
        CpuUsage after = CpuUsage.read(serverPid, options.database());
        rss.stop();
        rssThread.join();

        long lastAnswer = workers.stream().mapToLong(w -> w.lastAnswer).max().orElse(measureFrom);
        double seconds = Math.max(1e-9, (lastAnswer - measureFrom) / 1e9);
        report(workers, seconds, before, after, rss, serverPid);
    }

    /** Registers the bench clients (or accepts that they exist) and logs each one in. */
    private List<BenchClient> enroll() {
        String adminToken = api.token("admin", options.adminPassword()).getString("access_token");
        long now = Instant.now().getEpochSecond();
        long earliest = now - options.history().toSeconds();
        List<BenchClient> clients = new ArrayList<>();
        for (int i = 1; i <= options.clients(); i++) {
            String name = options.clientPrefix() + String.format(Locale.ROOT, "%03d", i);
            JsonObject login = api.enroll(adminToken, name, options.clientPassword());
            long id = login.getJsonNumber("client_id").longValue();
            String token = login.getString("access_token");
            // A client left over from an earlier run continues after its newest sample, so seq stays unique.
            long first = Math.max(earliest, lastSampleSecond(id, token) + 1);
            if (first > now - 60) {
                System.out.printf(Locale.ROOT, "warning: %s already has samples up to %s; it will run out of "
                        + "past seconds at once (use a new --client-prefix)%n", name, Instant.ofEpochSecond(first - 1));
            }
            clients.add(new BenchClient(name, uri("/api/clients/" + id + "/metrics"), "Bearer " + token,
                    new SimulatedHost(name, 7919L * i, first)));
        }
        System.out.printf(Locale.ROOT, "%d clients ready (%s001 ...), %d workers, %d snapshot(s) per request%n",
                clients.size(), options.clientPrefix(), options.concurrency(), options.batch());
        return clients;
    }

    private long lastSampleSecond(long clientId, String token) {
        HttpResponse<String> answer = api.send(HttpRequest.newBuilder(uri("/api/clients/" + clientId + "/time"))
                .header("Authorization", "Bearer " + token).GET().build());
        if (answer.statusCode() != 200) {
            throw new BenchApi.SetupException("reading the time span of client " + clientId + " answered "
                    + answer.statusCode() + ": " + answer.body());
        }
        JsonValue end = json(answer.body()).get("end");
        return end instanceof JsonNumber number ? (long) Math.ceil(number.doubleValue()) : Long.MIN_VALUE / 2;
    }

    private URI uri(String path) {
        return api.uri(path);
    }

    private static JsonObject json(String text) {
        return BenchApi.json(text);
    }

    private void report(List<Worker> workers, double seconds, CpuUsage before, CpuUsage after, RssWatch rss,
                        long serverPid) {
        long requests = 0;
        long ok = 0;
        long accepted = 0;
        long duplicates = 0;
        long samples = 0;
        long allSamples = 0;
        Map<String, Long> errors = new TreeMap<>();
        List<String> examples = new ArrayList<>();
        List<Percentiles.Recorder> recorders = new ArrayList<>();
        boolean exhausted = false;
        for (Worker w : workers) {
            requests += w.requests;
            ok += w.ok;
            accepted += w.accepted;
            duplicates += w.duplicates;
            samples += w.samples;
            allSamples += w.allSamples;
            w.errors.forEach((k, v) -> errors.merge(k, v, Long::sum));
            for (String example : w.examples) {
                if (examples.size() < ERROR_EXAMPLES) {
                    examples.add(example);
                }
            }
            recorders.add(w.latencies);
            exhausted |= w.ranOutOfTime;
        }
        Percentiles latency = Percentiles.of(Percentiles.Recorder.merge(recorders));
        String errorText = errors.isEmpty() ? "none" : errors.toString();
        int cores = Runtime.getRuntime().availableProcessors();

        System.out.println();
        System.out.printf(Locale.ROOT, "Ingest %s: %d clients, concurrency %d, batch %d, %.1f s measured after %s warm-up%n",
                options.label().isEmpty() ? "" : "'" + options.label() + "'", options.clients(),
                options.concurrency(), options.batch(), seconds, human(options.warmup()));
        System.out.printf(Locale.ROOT, "  (load generator and server share this machine's %d cores)%n", cores);
        System.out.printf(Locale.ROOT, "  requests      %,d (%,d answered 200)   %,.1f/s%n", requests, ok, requests / seconds);
        System.out.printf(Locale.ROOT, "  snapshots     %,d accepted, %,d duplicates   %,.1f/s%n", accepted,
                duplicates, accepted / seconds);
        System.out.printf(Locale.ROOT, "  samples       %,d written (server's count)   %,.0f/s   (%,d with warm-up)%n",
                samples, samples / seconds, allSamples);
        System.out.printf(Locale.ROOT, "  latency (ms)  p50 %.1f   p90 %.1f   p99 %.1f   max %.1f%n",
                ms(latency.at(50)), ms(latency.at(90)), ms(latency.at(99)), ms(latency.max()));
        System.out.printf(Locale.ROOT, "  errors        %s%n", errorText);
        for (String example : examples) {
            System.out.println("                " + example);
        }
        if (exhausted) {
            System.out.println("  note          a worker ran out of past seconds for its clients and stopped early; "
                    + "use more --clients or a longer --history");
        }
        CpuUsage.Split cpu = after.since(before, seconds);
        double serverCpu = cpu.server();
        double postgresCpu = cpu.postgres();
        double ownCpu = cpu.generator();
        double machine = cpu.machine();
        double other = cpu.other();
        long rssNow = ProcessProbe.statusBytes(serverPid, "VmRSS");
        long rssPeak = ProcessProbe.statusBytes(serverPid, "VmHWM");
        if (serverPid > 0) {
            System.out.printf(Locale.ROOT, "  server RSS    %s now, %s highest during the run, %s peak since start (pid %d)%n",
                    mib(rssNow), mib(rss.highest()), mib(rssPeak), serverPid);
        }
        System.out.printf(Locale.ROOT, "  CPU           server %.0f%%, postgres%s %.0f%%, load generator %.0f%%, "
                        + "anything else %.0f%%; machine %.0f%% of %d%% (100%% = one core)%n",
                serverCpu, options.database() == null ? " (all)" : " (" + options.database() + " backends)",
                postgresCpu, ownCpu, other, machine, 100 * cores);
        System.out.printf(Locale.ROOT, "RESULT label=%s batch=%d concurrency=%d clients=%d seconds=%.1f requests=%d "
                        + "rps=%.1f snapshots_per_s=%.1f samples_per_s=%.0f samples=%d p50_ms=%.1f p90_ms=%.1f "
                        + "p99_ms=%.1f max_ms=%.1f errors=%s rss_mib=%.0f rss_run_max_mib=%.0f cpu_server=%.0f "
                        + "cpu_postgres=%.0f cpu_generator=%.0f cpu_other=%.0f cpu_machine=%.0f samples_with_warmup=%d%n",
                options.label().isEmpty() ? "-" : options.label(), options.batch(), options.concurrency(),
                options.clients(), seconds, requests, requests / seconds, accepted / seconds, samples / seconds,
                samples, ms(latency.at(50)), ms(latency.at(90)), ms(latency.at(99)), ms(latency.max()),
                errorText.replace(" ", ""), rssNow / 1048576.0, rss.highest() / 1048576.0, serverCpu,
                postgresCpu, ownCpu, other, machine, allSamples);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "?" : String.format(Locale.ROOT, "%,.0f MiB", bytes / 1048576.0);
    }

    private static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, left / 1_000_000));
        }
    }

    /** A logged-in bench client and the machine it pretends to be. */
    private record BenchClient(String name, URI metrics, String authorization, SimulatedHost host) {
    }

    /**
     * One closed-loop sender. Counts only requests that start inside the measured window, and
     * keeps its figures to itself until joined, so counting costs no contention between workers.
     */
    private final class Worker implements Runnable {
        private final List<BenchClient> owned;
        private final long measureFrom;
        private final long measureUntil;
        private final AtomicLong budget;
        private final Percentiles.Recorder latencies = new Percentiles.Recorder();
        private final Map<String, Long> errors = new TreeMap<>();
        private final List<String> examples = new ArrayList<>();
        private long requests;
        private long ok;
        private long accepted;
        private long duplicates;
        private long samples;
        /** Warm-up included: what the sample table must have grown by, to check the server's count. */
        private long allSamples;
        private long lastAnswer;
        private boolean ranOutOfTime;

        Worker(List<BenchClient> owned, long measureFrom, long measureUntil, AtomicLong budget) {
            this.owned = new ArrayList<>(owned);
            this.measureFrom = measureFrom;
            this.measureUntil = measureUntil;
            this.budget = budget;
            this.lastAnswer = measureFrom;
        }

        @Override
        public void run() {
            int batch = options.batch();
            int next = 0;
            while (!owned.isEmpty()) {
                long begin = System.nanoTime();
                if (begin >= measureUntil) {
                    return;
                }
                boolean measured = begin >= measureFrom;
                if (measured && budget.getAndDecrement() <= 0) {
                    return;
                }
                int index = next++ % owned.size();
                BenchClient client = owned.get(index);
                // Never send a timestamp from the future: a client whose past is used up stops.
                if (client.host().nextSecond() + batch > Instant.now().getEpochSecond()) {
                    owned.remove(index);
                    ranOutOfTime = true;
                    continue;
                }
                HttpRequest request = HttpRequest.newBuilder(client.metrics())
                        .timeout(REQUEST_TIMEOUT)
                        .header("Authorization", client.authorization())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(client.host().nextBody(batch)))
                        .build();
                long sent = System.nanoTime();
                int status;
                String body;
                String failure = null;
                try {
                    HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
                    status = answer.statusCode();
                    body = answer.body();
                } catch (IOException e) {
                    status = -1;
                    body = "";
                    failure = e.getClass().getSimpleName();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                long answered = System.nanoTime();
                if (status == 200 && !measured) {
                    allSamples += json(body).getInt("samples", 0);
                }
                if (!measured) {
                    continue;
                }
                requests++;
                latencies.add(answered - sent);
                lastAnswer = answered;
                if (status == 200) {
                    ok++;
                    JsonObject result = json(body);
                    accepted += result.getInt("accepted", 0);
                    duplicates += result.getInt("duplicates", 0);
                    samples += result.getInt("samples", 0);
                    allSamples += result.getInt("samples", 0);
                } else {
                    String kind = failure == null ? Integer.toString(status) : "io:" + failure;
                    errors.merge(kind, 1L, Long::sum);
                    if (examples.size() < ERROR_EXAMPLES) {
                        String text = body.length() > 300 ? body.substring(0, 300) + "..." : body;
                        examples.add(kind + " " + client.name() + ": " + text);
                    }
                }
            }
        }
    }
}
