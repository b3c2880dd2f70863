package org.opsmon.monitoring.bench;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A well-behaved agent of a soak: one rich snapshot of its {@link SimulatedHost} per tick, with
 * the current time as timestamp and seq, over HTTP or over the agent stream {@code /ws/agent}
 * (one text frame per snapshot, the next only after the ack, as the real agent does). Each tick
 * is one request: its latency goes into the minute's window, its outcome into the tally. A
 * stream that breaks is opened again on the next tick. Ticks of one agent never overlap.
 */
final class SteadyAgent implements Runnable {

    /** Tally name of a tick whose snapshot was not stored, whatever the reason. */
    static final String FAILED = "failed";
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final SimulatedHost host;
    private final URI metrics;
    private final URI stream;
    private final String authorization;
    private final HttpClient http;
    private final TrafficWindow window;
    private final Tally tally;
    private StreamConnection connection;

    /** {@code stream} null: the agent posts over HTTP. */
    SteadyAgent(String name, SimulatedHost host, URI metrics, URI stream, String authorization, HttpClient http,
                TrafficWindow window, Tally tally) {
        this.name = name;
        this.host = host;
        this.metrics = metrics;
        this.stream = stream;
        this.authorization = authorization;
        this.http = http;
        this.window = window;
        this.tally = tally;
    }

    String name() {
        return name;
    }

    @Override
    public void run() {
        host.skipTo(Instant.now().getEpochSecond());
        String body = host.nextBody(1);
        try {
            if (stream == null) {
                post(body);
            } else {
                stream(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: count it and keep the agent alive.
            tally.add("bench_error:" + e.getClass().getSimpleName());
            tally.add(FAILED);
        }
    }

    void close() {
        if (connection != null) {
            connection.socket().abort();
        }
    }

    private void post(String body) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(metrics).timeout(ANSWER_TIMEOUT)
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long sent = System.nanoTime();
        HttpResponse<String> answer;
        try {
            answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            tally.add("http_io:" + e.getClass().getSimpleName());
            tally.add(FAILED);
            return;
        }
        window.answered(System.nanoTime() - sent);
        int status = answer.statusCode();
        tally.add("http_" + status);
        if (status != 200) {
            tally.add(FAILED);
        }
        if (status >= 500) {
            window.serverError();
        } else if (status == 200) {
            JsonObject result = BenchApi.json(answer.body());
            tally.add("snapshots_stored", result.getInt("accepted", 0));
            tally.add("samples_stored", result.getInt("samples", 0));
        }
    }

    private void stream(String body) throws InterruptedException {
        if (connection == null || connection.broken()) {
            try {
                Replies replies = new Replies();
                WebSocket socket = http.newWebSocketBuilder().header("Authorization", authorization)
                        .connectTimeout(ANSWER_TIMEOUT).buildAsync(stream, replies)
                        .get(ANSWER_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                connection = new StreamConnection(socket, replies);
                tally.add("ws_opened");
            } catch (ExecutionException | TimeoutException e) {
                tally.add("ws_open_failed:" + (e.getCause() == null ? e : e.getCause()).getClass().getSimpleName());
                tally.add(FAILED);
                return;
            }
        }
        long sent = System.nanoTime();
        CompletableFuture<String> reply = connection.replies().expect();
        connection.socket().sendText(body, true);
        String text;
        try {
            text = reply.get(ANSWER_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            tally.add("ws_no_reply:" + (e.getCause() == null ? e : e.getCause()).getClass().getSimpleName());
            tally.add(FAILED);
            connection.socket().abort();
            return;
        }
        window.answered(System.nanoTime() - sent);
        JsonObject frame = BenchApi.json(text);
        if ("ack".equals(frame.getString("type", ""))) {
            tally.add("ws_ack");
            tally.add("snapshots_stored");
        } else {
            String code = frame.getString("code", "?");
            tally.add("ws_error:" + code);
            tally.add(FAILED);
            if ("storage_failed".equals(code)) {
                window.serverError();
            }
        }
    }

    /** One open stream and the listener that hands over its replies. */
    private record StreamConnection(WebSocket socket, Replies replies) {

        boolean broken() {
            return socket.isInputClosed() || socket.isOutputClosed();
        }
    }

    /**
     * Collects text frames (which may arrive in parts) and completes the reply the agent waits for;
     * a frame nobody waits for is dropped.
     */
    private static final class Replies implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private volatile CompletableFuture<String> pending = new CompletableFuture<>();

        CompletableFuture<String> expect() {
            pending = new CompletableFuture<>();
            return pending;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence part, boolean last) {
            text.append(part);
            if (last) {
                pending.complete(text.toString());
                text.setLength(0);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
            pending.completeExceptionally(new IOException("closed by the server: " + status + " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            pending.completeExceptionally(error);
        }
    }
}
