package org.opsmon.monitoring.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts the real server and the real agent as separate operating-system processes. */
final class Processes {

    private Processes() {
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static Process start(List<String> command, Map<String, String> environment, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        return builder.start();
    }

    static Process server(int port, Map<String, String> environment, Path work) throws IOException {
        return start(List.of(java(), "-Xmx512m", "-jar", System.getProperty("e2e.micro"),
                        "--deploy", System.getProperty("e2e.war"), "--contextroot", "/", "--port", String.valueOf(port),
                        "--nocluster", "--rootdir", work.resolve("payara-" + port).toString()),
                environment, work.resolve("server.log"));
    }

    /** Waits until the application reports a reachable, migrated database and its API answers. */
    static void awaitReady(int port, Process server, Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("The server exited during start-up");
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                // The health check registers a moment before the web module takes requests, so
                // the API must also answer: an empty token request is refused with 400.
                if (health.body().contains("\"name\":\"database\",\"status\":\"UP\"")
                        && http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/auth/token"))
                                        .timeout(Duration.ofSeconds(5))
                                        .header("Content-Type", "application/x-www-form-urlencoded")
                                        .POST(HttpRequest.BodyPublishers.noBody()).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode() == 400) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("The server was not ready within " + timeout);
    }

    static void stop(Process process) throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
