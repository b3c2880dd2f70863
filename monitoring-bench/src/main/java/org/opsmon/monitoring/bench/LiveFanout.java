package org.opsmon.monitoring.bench;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures live push: how long a snapshot takes from its post over HTTP to the {@code /ws/live}
 * frame that carries it, at every subscribed client, while slow clients that read nothing try to
 * hold the broadcast up. Sources post on their own clock (open loop, like agents); each post's
 * send time is kept under (source, snapshot second), and each client looks up that key from the
 * first characters of each frame it receives ({@link FrameHeader}). At the end it prints latency
 * percentiles over every frame of a post sent during the measured time, frames expected against
 * delivered, how many slow clients the server dropped (its {@code dropped_clients}), and the
 * server's CPU, heap after GC and resident memory.
 *
 * <p>Example: {@code java -cp monitoring-bench/target/monitoring-bench.jar
 * org.opsmon.monitoring.bench.LiveFanout --server http://127.0.0.1:18092 --admin-password secret
 * --clients 100 --sources 10 --duration 20s}
 */
public final class LiveFanout {

    /** Handshakes in flight at once while connecting the clients. */
    private static final int CONNECTING_AT_ONCE = 32;
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private final LiveOptions options;
    private final BenchApi api;
    private final List<Source> sources = new ArrayList<>();
    private final Map<String, Source> sourcesByName = new HashMap<>();
    private final List<Receiver> receivers = new ArrayList<>();
    private final List<Receiver> slowReceivers = new ArrayList<>();
    private volatile boolean measuring;

    private LiveFanout(LiveOptions options) {
        this.options = options;
        this.api = new BenchApi(options.server());
    }

    public static void main(String[] args) {
        System.exit(LiveOptions.execute(args));
    }

    /** Runs one measurement and prints it; returns the process exit code. */
    static int run(LiveOptions options) {
        LiveFanout bench = new LiveFanout(options);
        try {
            bench.measure();
            return 0;
        } catch (BenchApi.SetupException e) {
            System.err.println("live-fanout: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        } finally {
            bench.disconnect();
        }
    }

    private void measure() throws InterruptedException {
        long pid = ProcessProbe.serverPid(options.serverPid(), options.server(), "server CPU and memory");
        String adminToken = api.token("admin", options.adminPassword()).getString("access_token");
        enrollSources(adminToken);
        connect(adminToken);
        System.out.printf(Locale.ROOT, "%d live clients and %d slow ones connected, each subscribed to %d of %d sources%n",
                receivers.size(), slowReceivers.size(), options.subscribe(), sources.size());

        ServerSampler sampler = pid > 0 ? new ServerSampler(pid) : null;
        ServerSample first = sampler == null ? null : sampler.sample(0);
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
        long interval = options.interval().toNanos();
        for (int i = 0; i < sources.size(); i++) {
            Source source = sources.get(i);
            // Spread over the interval, as independent agents are.
            clock.scheduleAtFixedRate(source::post, interval * i / sources.size(), interval, TimeUnit.NANOSECONDS);
        }
        System.out.printf(Locale.ROOT, "Warming up for %s ...%n", human(options.warmup()));
        Thread.sleep(options.warmup().toMillis());

        CpuUsage before = CpuUsage.read(pid, options.database());
        long start = System.nanoTime();
        measuring = true;
        System.out.printf(Locale.ROOT, "Measuring for %s ...%n", human(options.duration()));
        Thread.sleep(options.duration().toMillis());
        measuring = false;
        double seconds = (System.nanoTime() - start) / 1e9;
        CpuUsage after = CpuUsage.read(pid, options.database());
        clock.shutdown();
        clock.awaitTermination(ANSWER_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        awaitFrames();
        JsonObject status = receivers.get(0).status();
        ServerSample last = sampler == null ? null : sampler.sample(Math.round((System.nanoTime() - start) / 1e9));
        report(seconds, after.since(before, seconds), status, first, last, pid);
    }

    private void enrollSources(String adminToken) {
        long now = Instant.now().getEpochSecond();
        for (int i = 1; i <= options.sources(); i++) {
            String name = options.clientPrefix() + String.format(Locale.ROOT, "%03d", i);
            JsonObject login = api.enroll(adminToken, name, options.clientPassword());
            URI metrics = api.uri("/api/clients/" + login.getJsonNumber("client_id").longValue() + "/metrics");
            Source source = new Source(name, metrics, "Bearer " + login.getString("access_token"),
                    new SimulatedHost(name, 7919L * i, now));
            sources.add(source);
            sourcesByName.put(name, source);
        }
    }

    /** Opens every client and waits until each one's subscription is confirmed. */
    private void connect(String adminToken) throws InterruptedException {
        URI live = URI.create(options.server().replaceFirst("^http", "ws") + "/ws/live");
        List<HttpClient> https = new ArrayList<>();
        for (int i = 0; i < options.receivers(); i++) {
            https.add(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
        }
        Semaphore opening = new Semaphore(CONNECTING_AT_ONCE);
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        int total = options.clients() + options.slow();
        for (int i = 0; i < total; i++) {
            boolean slow = i >= options.clients();
            List<String> chosen = slow ? names(0, sources.size()) : names(i, options.subscribe());
            Receiver receiver = new Receiver(slow, chosen);
            (slow ? slowReceivers : receivers).add(receiver);
            for (String name : chosen) {
                sourcesByName.get(name).audience.incrementAndGet();
            }
            opening.acquire();
            ready.add(https.get(i % https.size()).newWebSocketBuilder()
                    .header("Authorization", "Bearer " + adminToken)
                    .connectTimeout(Duration.ofSeconds(30))
                    .buildAsync(live, receiver)
                    .thenCompose(receiver::subscribe)
                    .whenComplete((done, failed) -> opening.release()));
        }
        try {
            CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new BenchApi.SetupException("connecting the live clients failed: " + e);
        }
    }

    /** {@code count} source names starting at {@code first}, wrapping around. */
    private List<String> names(int first, int count) {
        List<String> names = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            names.add(sources.get((first + k) % sources.size()).name);
        }
        return names;
    }

    /** Waits until every expected frame arrived, or the grace period ran out. */
    private void awaitFrames() throws InterruptedException {
        long deadline = System.nanoTime() + options.grace().toNanos();
        while (System.nanoTime() < deadline && delivered() < expected()) {
            Thread.sleep(50);
        }
    }

    /** Frames the reading clients should get: one per stored measured post and client subscribed to its source. */
    private long expected() {
        return sources.stream().mapToLong(s -> s.stored.get() * (s.audience.get() - slowReceivers.size())).sum();
    }

    private long delivered() {
        return receivers.stream().mapToLong(r -> r.delivered.get()).sum();
    }

    private void report(double seconds, CpuUsage.Split cpu, JsonObject status, ServerSample first, ServerSample last,
                        long pid) {
        List<Percentiles.Recorder> recorders = new ArrayList<>();
        for (Receiver receiver : receivers) {
            synchronized (receiver) {
                recorders.add(receiver.latencies);
            }
        }
        Percentiles latency = Percentiles.of(Percentiles.Recorder.merge(recorders));
        List<Percentiles.Recorder> answers = new ArrayList<>();
        for (Source source : sources) {
            synchronized (source) {
                answers.add(source.answered);
            }
        }
        Percentiles ingest = Percentiles.of(Percentiles.Recorder.merge(answers));
        long posts = sources.stream().mapToLong(s -> s.measuredPosts.get()).sum();
        long stored = sources.stream().mapToLong(s -> s.stored.get()).sum();
        Map<String, Long> errors = new TreeMap<>();
        sources.forEach(s -> s.errors.forEach((k, v) -> errors.merge(k, v, Long::sum)));
        long expected = expected();
        long delivered = delivered();
        long missing = Math.max(0, expected - delivered);
        long fastDropped = receivers.stream().filter(r -> r.closed.isDone()).count();
        long slowClosed = slowReceivers.stream().filter(r -> r.closed.isDone()).count();
        long serverDropped = status == null ? -1 : status.getJsonNumber("dropped_clients").longValue();
        String errorText = errors.isEmpty() ? "none" : errors.toString();

        System.out.println();
        System.out.printf(Locale.ROOT, "Live fan-out %s: %d clients (+%d slow), %d sources every %s, each client on %d "
                        + "sources; %.1f s measured after %s warm-up%n",
                options.label().isEmpty() ? "" : "'" + options.label() + "'", receivers.size(), slowReceivers.size(),
                sources.size(), human(options.interval()), options.subscribe(), seconds, human(options.warmup()));
        System.out.printf(Locale.ROOT, "  (load generator and server share this machine's %d cores)%n", cpu.cores());
        System.out.printf(Locale.ROOT, "  posts         %,d sent, %,d stored   %,.1f/s   errors %s%n", posts, stored,
                posts / seconds, errorText);
        System.out.printf(Locale.ROOT, "  post answered p50 %.1f   p99 %.1f   max %.1f ms   (the ingest part of the latency)%n",
                ms(ingest.at(50)), ms(ingest.at(99)), ms(ingest.max()));
        long characters = receivers.stream().mapToLong(r -> r.characters.get()).sum();
        long frames = receivers.stream().mapToLong(r -> r.frames.get()).sum();
        System.out.printf(Locale.ROOT, "  frames        %,d expected, %,d delivered (%,.0f/s), %,d missing; %,d characters "
                + "a frame on average%n", expected, delivered, delivered / seconds, missing, frames == 0 ? 0 : characters / frames);
        System.out.printf(Locale.ROOT, "  latency (ms)  p50 %.1f   p90 %.1f   p99 %.1f   max %.1f   (post sent -> frame received)%n",
                ms(latency.at(50)), ms(latency.at(90)), ms(latency.at(99)), ms(latency.max()));
        System.out.printf(Locale.ROOT, "  dropped       %d clients by the server (dropped_clients); %d of %d slow clients "
                + "closed; %d of %d reading clients closed%n", serverDropped, slowClosed, slowReceivers.size(),
                fastDropped, receivers.size());
        if (first != null && last != null) {
            System.out.printf(Locale.ROOT, "  server        heap after GC %s before, %s after; RSS %s before, %s after; "
                    + "threads %d; open files %d (pid %d)%n", mib(first.heapAfterGc()), mib(last.heapAfterGc()),
                    mib(first.rss()), mib(last.rss()), last.threads(), last.openFiles(), pid);
        }
        System.out.printf(Locale.ROOT, "  CPU           server %.0f%%, postgres%s %.0f%%, load generator %.0f%%, "
                        + "anything else %.0f%%; machine %.0f%% of %d%% (100%% = one core)%n",
                cpu.server(), options.database() == null ? " (all)" : " (" + options.database() + " backends)",
                cpu.postgres(), cpu.generator(), cpu.other(), cpu.machine(), 100 * cpu.cores());
        System.out.printf(Locale.ROOT, "RESULT label=%s clients=%d slow=%d sources=%d subscribe=%d seconds=%.1f posts=%d "
                        + "stored=%d errors=%s expected=%d delivered=%d missing=%d p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f "
                        + "max_ms=%.1f post_p50_ms=%.1f post_p99_ms=%.1f server_dropped=%d slow_closed=%d fast_closed=%d heap_after_gc_mib=%.0f rss_mib=%.0f "
                        + "cpu_server=%.0f cpu_postgres=%.0f cpu_generator=%.0f cpu_other=%.0f cpu_machine=%.0f%n",
                options.label().isEmpty() ? "-" : options.label(), receivers.size(), slowReceivers.size(),
                sources.size(), options.subscribe(), seconds, posts, stored, errorText.replace(" ", ""), expected,
                delivered, missing, ms(latency.at(50)), ms(latency.at(90)), ms(latency.at(99)), ms(latency.max()),
                ms(ingest.at(50)), ms(ingest.at(99)), serverDropped, slowClosed, fastDropped, last == null ? -1 : last.heapAfterGc() / 1048576.0,
                last == null ? -1 : last.rss() / 1048576.0, cpu.server(), cpu.postgres(), cpu.generator(), cpu.other(),
                cpu.machine());
    }

    private void disconnect() {
        for (Receiver receiver : receivers) {
            receiver.abort();
        }
        for (Receiver receiver : slowReceivers) {
            receiver.abort();
        }
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

    /**
     * One bench agent: posts a rich snapshot of its simulated host each tick, the current second as
     * its timestamp, and remembers when each measured post left.
     */
    private final class Source {
        final String name;
        final URI metrics;
        final String authorization;
        final SimulatedHost host;
        /** Snapshot second → System.nanoTime() when its post left; only posts of the measured time. */
        final Map<Long, Long> sentAt = new ConcurrentHashMap<>();
        final AtomicLong measuredPosts = new AtomicLong();
        final AtomicLong stored = new AtomicLong();
        /** How many clients receive this source (slow ones included). */
        final AtomicLong audience = new AtomicLong();
        final Map<String, Long> errors = new ConcurrentHashMap<>();
        /** How long measured posts took to be answered: the ingest part of the delivery latency. */
        final Percentiles.Recorder answered = new Percentiles.Recorder();

        Source(String name, URI metrics, String authorization, SimulatedHost host) {
            this.name = name;
            this.metrics = metrics;
            this.authorization = authorization;
            this.host = host;
        }

        void post() {
            try {
                host.skipTo(Instant.now().getEpochSecond());
                long second = host.nextSecond();
                HttpRequest request = HttpRequest.newBuilder(metrics).timeout(ANSWER_TIMEOUT)
                        .header("Authorization", authorization)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(host.nextBody(1)))
                        .build();
                boolean measured = measuring;
                long sent = System.nanoTime();
                if (measured) {
                    measuredPosts.incrementAndGet();
                    sentAt.put(second, sent);
                }
                api.http().sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((answer, failure) -> {
                    long took = System.nanoTime() - sent;
                    String outcome = failure != null ? "io:" + failure.getClass().getSimpleName()
                            : answer.statusCode() == 200 ? null : Integer.toString(answer.statusCode());
                    if (!measured) {
                        return;
                    }
                    if (outcome == null) {
                        stored.incrementAndGet();
                        synchronized (this) {
                            answered.add(took);
                        }
                    } else {
                        errors.merge(outcome, 1L, Long::sum);
                    }
                });
            } catch (RuntimeException e) {
                // A scheduled task that throws is never run again: count it and keep the source posting.
                errors.merge("bench_error:" + e.getClass().getSimpleName(), 1L, Long::sum);
            }
        }
    }

    /**
     * One live client. A reading one takes every frame as it comes and times those of measured
     * posts; a slow one never asks for a single frame after its handshake, so its socket fills up
     * and the server must give up on it.
     */
    private final class Receiver implements WebSocket.Listener {
        final boolean slow;
        final List<String> subscription;
        final Percentiles.Recorder latencies = new Percentiles.Recorder();
        final AtomicLong delivered = new AtomicLong();
        /** Characters of every text frame received, to report the size of a frame. */
        final AtomicLong characters = new AtomicLong();
        final AtomicLong frames = new AtomicLong();
        final CompletableFuture<String> closed = new CompletableFuture<>();
        private final CompletableFuture<Void> subscribed = new CompletableFuture<>();
        private final StringBuilder start = new StringBuilder(FrameHeader.PREFIX);
        private CompletableFuture<JsonObject> answer;
        private WebSocket socket;

        Receiver(boolean slow, List<String> subscription) {
            this.slow = slow;
            this.subscription = subscription;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            if (!slow) {
                webSocket.request(1);
            }
        }

        CompletionStage<Void> subscribe(WebSocket webSocket) {
            this.socket = webSocket;
            JsonArrayBuilder names = Json.createArrayBuilder();
            subscription.forEach(names::add);
            String request = Json.createObjectBuilder().add("type", "subscribe").add("sources", names).build().toString();
            CompletableFuture<WebSocket> sent = webSocket.sendText(request, true);
            // A slow client reads nothing, not even the confirmation: being subscribed is all it does.
            return slow ? sent.thenApply(w -> null) : sent.thenCompose(w -> subscribed);
        }

        /** Asks the server for its status frame on this client's socket. */
        JsonObject status() {
            CompletableFuture<JsonObject> reply = new CompletableFuture<>();
            synchronized (this) {
                answer = reply;
            }
            try {
                socket.sendText("{\"type\":\"get_status\"}", true).join();
                return reply.get(ANSWER_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception e) {
                System.out.println("note: the server's status could not be read: " + e);
                return null;
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            long now = System.nanoTime();
            characters.addAndGet(data.length());
            if (start.length() < FrameHeader.PREFIX) {
                start.append(data, 0, Math.min(data.length(), FrameHeader.PREFIX - start.length()));
            }
            if (last) {
                frames.incrementAndGet();
                frame(now, data);
                start.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        private void frame(long now, CharSequence lastPart) {
            FrameHeader header = FrameHeader.read(start);
            if (header == null) {
                return;
            }
            if (header.liveData()) {
                Source source = sourcesByName.get(header.source());
                Long sent = source == null ? null : source.sentAt.get(header.second());
                if (sent != null) {
                    delivered.incrementAndGet();
                    synchronized (this) {
                        latencies.add(now - sent);
                    }
                }
            } else if ("subscribed".equals(header.type())) {
                subscribed.complete(null);
            } else if ("status".equals(header.type())) {
                CompletableFuture<JsonObject> reply;
                synchronized (this) {
                    reply = answer;
                }
                // A status frame is small: it arrives in one part, which is the whole frame.
                if (reply != null && lastPart.length() > 0 && lastPart.charAt(0) == '{') {
                    reply.complete(BenchApi.json(lastPart.toString()));
                }
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode + " " + reason);
            subscribed.completeExceptionally(new IllegalStateException("closed by the server: " + statusCode + " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete("error " + error);
            subscribed.completeExceptionally(error);
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            webSocket.request(1);
            return null;
        }

        void abort() {
            if (socket != null) {
                socket.abort();
            }
        }
    }
}
