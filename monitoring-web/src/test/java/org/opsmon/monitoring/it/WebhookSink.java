package org.opsmon.monitoring.it;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A real HTTP receiver for webhook and Slack notifications, on a free local port. Each path can
 * be told to fail its next requests (HTTP 500) or to answer slowly; every request is kept.
 */
final class WebhookSink implements AutoCloseable {

    record Hit(String path, JsonObject body, Map<String, List<String>> headers, long receivedNanos, int answered) {
    }

    final List<Hit> hits = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
    private final Map<String, Long> delays = new ConcurrentHashMap<>();
    private final HttpServer server;

    WebhookSink() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            long received = System.nanoTime();
            boolean fail = failuresLeft.getOrDefault(path, new AtomicInteger()).getAndUpdate(n -> Math.max(0, n - 1)) > 0;
            hits.add(new Hit(path, Json.createReader(new StringReader(body)).readObject(),
                    Map.copyOf(exchange.getRequestHeaders()), received, fail ? 500 : 200));
            try {
                Thread.sleep(delays.getOrDefault(path, 0L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] answer = (fail ? "down for maintenance" : "ok").getBytes(StandardCharsets.UTF_8);
            try {
                exchange.sendResponseHeaders(fail ? 500 : 200, answer.length);
                exchange.getResponseBody().write(answer);
            } catch (IOException gone) {
                // The sender gave up waiting.
            }
            exchange.close();
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    void failNext(String path, int times) {
        failuresLeft.put(path, new AtomicInteger(times));
    }

    void answerAfter(String path, Duration delay) {
        delays.put(path, delay.toMillis());
    }

    List<Hit> at(String path) {
        return hits.stream().filter(h -> h.path().equals(path)).toList();
    }

    /** The requests at {@code path} once {@code done} holds for them, polling; fails after {@code timeout}. */
    List<Hit> await(String path, Predicate<List<Hit>> done, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<Hit> seen = at(path);
            if (done.test(seen)) {
                return seen;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("Not received at " + path + " within " + timeout + ": " + at(path));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
