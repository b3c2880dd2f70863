package org.opsmon.monitoring.notifications.control;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP receiver on a free local port: answers the first {@code failures} requests with
 * 500 and the rest with 200, after {@code delayMillis}; keeps every request it got.
 */
final class Receiver implements AutoCloseable {

    record Received(String body, Map<String, List<String>> headers) {
    }

    final List<Received> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final AtomicInteger failuresLeft;

    Receiver(int failures, long delayMillis) throws IOException {
        failuresLeft = new AtomicInteger(failures);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                requests.add(new Received(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                        Map.copyOf(exchange.getRequestHeaders())));
            }
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            boolean fail = failuresLeft.getAndDecrement() > 0;
            byte[] answer = (fail ? "receiver down for maintenance" : "ok").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(fail ? 500 : 200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
