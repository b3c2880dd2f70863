package org.opsmon.monitoring.bench;

import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A soak of the server's memory: realistic agents at their steady pace, some over HTTP and some
 * over the agent stream, next to hostile agents (series flood, bad bodies, connection and login
 * abuse), for a long time. Every {@code --sample-every} it forces a full collection in the server
 * and prints a row: resident memory, heap after GC, metaspace, threads, open files, and the
 * minute's request rate, server errors and latency. At the end it compares the sample that ended
 * the warm-up with the last one against a {@link GrowthBound} and says PASS or FAIL (exit 0 or 1).
 * Open loop on purpose, unlike the ingest benchmark: agents send on their clock whatever the
 * server's speed, because a soak asks whether the server stays flat under a given load.
 *
 * <p>Example: {@code java -cp monitoring-bench/target/monitoring-bench.jar
 * org.opsmon.monitoring.bench.Soak --server http://127.0.0.1:18091 --admin-password secret}
 */
public final class Soak {

    private final SoakOptions options;
    private final BenchApi api;
    private final TrafficWindow window = new TrafficWindow(System.nanoTime());
    private final Tally agentTally = new Tally();
    private final List<SteadyAgent> agents = new ArrayList<>();
    private final List<Hostile> hostiles = new ArrayList<>();

    private Soak(SoakOptions options) {
        this.options = options;
        this.api = new BenchApi(options.server());
    }

    public static void main(String[] args) {
        System.exit(SoakOptions.execute(args));
    }

    /** Runs the soak and prints it; returns the process exit code (0 PASS, 1 FAIL or no start). */
    static int run(SoakOptions options) {
        try {
            return new Soak(options).soak() ? 0 : 1;
        } catch (BenchApi.SetupException e) {
            System.err.println("soak: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    private boolean soak() throws InterruptedException {
        long pid = serverPid();
        ServerSampler sampler = new ServerSampler(pid);
        enroll();
        GrowthBound bound = options.bound();
        System.out.printf(Locale.ROOT, "Soak of the server (pid %d) for %s, warm-up %s: %d agents every %s (%d streaming), "
                        + "%d hostile; %s%n", pid, human(options.duration()), human(options.warmup()), options.agents(),
                human(options.interval()), options.streamAgents(), options.hostile(), bound.describe());

        long start = System.nanoTime();
        List<ServerSample> samples = new ArrayList<>();
        ServerSample first = sampler.sample(0);
        samples.add(first);
        System.out.println();
        System.out.println(SoakTable.HEADER);
        System.out.println(SoakTable.row(first, TrafficWindow.Figures.NONE, false));
        window.close(System.nanoTime());

        ScheduledExecutorService scheduler = schedule();
        ServerSample warm = null;
        long serverErrors = 0;
        long every = options.sampleEvery().toNanos();
        long end = start + options.duration().toNanos();
        boolean alive = true;
        for (long due = start + every; due <= end && alive; due += every) {
            sleepUntil(due);
            alive = sampler.alive();
            long second = Math.round((System.nanoTime() - start) / 1e9);
            ServerSample sample = alive ? sampler.sample(second) : new ServerSample(second, -1, -1, -1, -1, -1);
            TrafficWindow.Figures traffic = window.close(System.nanoTime());
            serverErrors += traffic.serverErrors();
            boolean warmEnd = warm == null && second >= options.warmup().toSeconds();
            if (warmEnd) {
                warm = sample;
            }
            samples.add(sample);
            System.out.println(SoakTable.row(sample, traffic, warmEnd));
            String problem = sampler.lastProblem();
            if (problem != null) {
                System.out.println("  (" + problem + ")");
            }
        }
        stop(scheduler);
        serverErrors += window.close(System.nanoTime()).serverErrors();
        return report(samples, warm == null ? samples.get(samples.size() - 1) : warm, serverErrors, alive, bound);
    }

    private long serverPid() {
        if (options.serverPid() != null) {
            return options.serverPid();
        }
        int port = URI.create(options.server()).getPort();
        OptionalLong pid = ProcessProbe.listenerOf(port == -1 ? 80 : port);
        return pid.orElseThrow(() -> new BenchApi.SetupException("no process of ours listens on port " + port
                + "; a soak must sample the server, pass --server-pid"));
    }

    /** Registers and logs in everyone before any hostile act: login abuse soon locks this address out. */
    private void enroll() {
        JsonObject admin = api.token("admin", options.adminPassword());
        String adminToken = admin.getString("access_token");
        URI stream = URI.create(options.server().replaceFirst("^http", "ws") + "/ws/agent");
        long lifetime = Long.MAX_VALUE;
        for (int i = 1; i <= options.agents(); i++) {
            String name = options.clientPrefix() + String.format(Locale.ROOT, "%03d", i);
            JsonObject login = api.enroll(adminToken, name, options.clientPassword());
            lifetime = Math.min(lifetime, login.getJsonNumber("expires_in").longValue());
            // Streaming agents spread evenly among the others.
            boolean streams = (long) (i - 1) * options.streamAgents() / options.agents()
                    != (long) i * options.streamAgents() / options.agents();
            // The host's boot time lies days before its first second, so that second must be now.
            SimulatedHost host = new SimulatedHost(name, 7919L * i, Instant.now().getEpochSecond());
            agents.add(new SteadyAgent(name, host, metrics(login),
                    streams ? stream : null, bearer(login), api.http(), window, agentTally));
        }
        URI someoneElse = metrics(api.token(agents.get(0).name(), options.clientPassword()));
        for (int i = 0; i < options.hostile(); i++) {
            String kind = List.of("flood", "bad", "abuse").get(i % 3);
            String name = options.clientPrefix() + kind + "-" + (i / 3 + 1);
            JsonObject login = api.enroll(adminToken, name, options.clientPassword());
            Tally tally = new Tally();
            Runnable act = switch (kind) {
                case "flood" -> new SeriesFlooder(name, metrics(login), bearer(login), options.floodInterfaces(),
                        api.http(), window, tally);
                case "bad" -> new BadBodySender(metrics(login), someoneElse, bearer(login), api.http(), window, tally);
                default -> new ConnectionAbuser(name, URI.create(options.server()), metrics(login).getPath(),
                        bearer(login), options.hold(), api.http(), window, tally);
            };
            hostiles.add(new Hostile(name, act, tally, "flood".equals(kind) ? options.interval() : options.hostileEvery()));
        }
        if (lifetime < options.duration().toSeconds() + 60) {
            System.out.printf(Locale.ROOT, "warning: tokens live %d s, less than the run; agents will get 401 once "
                    + "theirs expire (raise MONITORING_TOKEN_LIFETIME)%n", lifetime);
        }
    }

    private URI metrics(JsonObject login) {
        return api.uri("/api/clients/" + login.getJsonNumber("client_id").longValue() + "/metrics");
    }

    private static String bearer(JsonObject login) {
        return "Bearer " + login.getString("access_token");
    }

    /** Realistic agents spread evenly over their interval, so the load is steady rather than bursty. */
    private ScheduledExecutorService schedule() {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(
                Math.min(32, 4 + options.agents() / 5 + hostiles.size()));
        long interval = options.interval().toNanos();
        for (int i = 0; i < agents.size(); i++) {
            scheduler.scheduleAtFixedRate(agents.get(i), interval * i / agents.size(), interval, TimeUnit.NANOSECONDS);
        }
        for (Hostile h : hostiles) {
            scheduler.scheduleAtFixedRate(h.act(), 0, h.every().toNanos(), TimeUnit.NANOSECONDS);
        }
        return scheduler;
    }

    private void stop(ScheduledExecutorService scheduler) throws InterruptedException {
        scheduler.shutdownNow();
        if (!scheduler.awaitTermination(45, TimeUnit.SECONDS)) {
            System.out.println("note: some agents were still waiting for answers 45 s after the end");
        }
        agents.forEach(SteadyAgent::close);
    }

    private boolean report(List<ServerSample> samples, ServerSample warm, long serverErrors, boolean alive,
                           GrowthBound bound) {
        ServerSample last = samples.get(samples.size() - 1);
        List<ServerSample> afterWarmUp = samples.subList(samples.indexOf(warm), samples.size());
        System.out.println();
        System.out.println(SoakTable.growth(warm, last));
        System.out.printf(Locale.ROOT, "Trend after the warm-up (least squares): heap after GC %s MiB/h, RSS %s MiB/h%n",
                perHour(GrowthBound.slopePerHour(afterWarmUp, ServerSample::heapAfterGc)),
                perHour(GrowthBound.slopePerHour(afterWarmUp, ServerSample::rss)));
        System.out.println("Realistic agents: " + agentTally);
        for (Hostile h : hostiles) {
            System.out.println("Hostile " + h.name() + ": " + h.tally());
            if (h.act() instanceof SeriesFlooder flooder) {
                System.out.println("  last answer to " + h.name() + ": " + flooder.lastAnswer());
            }
        }
        long refused = agentTally.get(SteadyAgent.FAILED);
        GrowthBound.Verdict verdict = bound.judge(warm, last, serverErrors, refused, alive);
        System.out.println();
        System.out.println("Bound: " + bound.describe() + "; no 5xx, every realistic snapshot stored, server alive");
        System.out.println(verdict.passed() ? "PASS" : "FAIL: " + String.join("; ", verdict.failures()));
        System.out.printf(Locale.ROOT, "RESULT verdict=%s minutes=%.1f agents=%d hostile=%d rss_warm_mib=%s rss_end_mib=%s "
                        + "heap_warm_mib=%s heap_end_mib=%s heap_limit_mib=%s rss_limit_mib=%s server_errors=%d agent_failures=%d%n",
                verdict.passed() ? "PASS" : "FAIL", last.second() / 60.0, options.agents(), options.hostile(),
                GrowthBound.mib(warm.rss()), GrowthBound.mib(last.rss()), GrowthBound.mib(warm.heapAfterGc()),
                GrowthBound.mib(last.heapAfterGc()), GrowthBound.mib(bound.heapLimit(warm.heapAfterGc())),
                GrowthBound.mib(bound.rssLimit(warm.rss())), serverErrors, refused);
        return verdict.passed();
    }

    private static String perHour(double bytesPerHour) {
        return Double.isNaN(bytesPerHour) ? "?" : String.format(Locale.ROOT, "%+.1f", bytesPerHour / GrowthBound.MIB);
    }

    /** 30m, 1m30s, 10s: a Duration as the command line takes it. */
    private static String human(Duration d) {
        return d.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, Math.min(left / 1_000_000, 1000)));
        }
    }

    /** A hostile agent: its name, what it does each tick, what it counted, and how often it acts. */
    private record Hostile(String name, Runnable act, Tally tally, Duration every) {
    }
}
