package org.opsmon.monitoring.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A hostile agent that abuses connections rather than content, one act per tick in turn: a
 * connection closed at once, a request cut off inside its headers, a request that promises a
 * long body, sends a little and hangs up after holding the connection, bytes that are not HTTP,
 * logins with wrong passwords (an invented name each time, and its own name), a stream handshake
 * with a forged token, and a stream opened and dropped without a close frame. Every connection is
 * closed within {@code hold} plus a read timeout, so it never holds more than one at a time.
 * Logins from this address soon get {@code 429 slow_down}: the throttle works per address, and
 * all bench traffic comes from loopback, which is why the realistic agents log in before it starts.
 */
final class ConnectionAbuser implements Runnable {

    private static final int TIMEOUT_MS = 5_000;
    private static final String[] ACTS = {"connect_close", "cut_headers", "short_body", "not_http",
        "login_invented_name", "login_own_name", "stream_forged_token", "stream_dropped"};

    private final String name;
    private final URI server;
    private final URI stream;
    private final String metricsPath;
    private final String authorization;
    private final Duration hold;
    private final HttpClient http;
    private final TrafficWindow window;
    private final Tally tally;
    private long acts;

    ConnectionAbuser(String name, URI server, String metricsPath, String authorization, Duration hold,
                     HttpClient http, TrafficWindow window, Tally tally) {
        this.name = name;
        this.server = server;
        this.stream = URI.create(server.toString().replaceFirst("^http", "ws") + "/ws/agent");
        this.metricsPath = metricsPath;
        this.authorization = authorization;
        this.hold = hold;
        this.http = http;
        this.window = window;
        this.tally = tally;
    }

    @Override
    public void run() {
        String act = ACTS[(int) (acts++ % ACTS.length)];
        try {
            String outcome = switch (act) {
                case "connect_close" -> raw(new byte[0], Duration.ZERO, false);
                case "cut_headers" -> raw(ascii("POST " + metricsPath + " HTTP/1.1\r\nHost: soak\r\nAuthoriz"),
                        Duration.ZERO, false);
                case "short_body" -> raw(ascii("POST " + metricsPath + " HTTP/1.1\r\nHost: soak\r\nAuthorization: "
                        + authorization + "\r\nContent-Type: application/json\r\nContent-Length: 65536\r\n\r\n"
                        + "{\"cpu_load\":1,\"mem\":"), hold, false);
                case "not_http" -> raw(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03,
                    0x03, 0x0d, 0x0a, 0x0d, 0x0a}, Duration.ZERO, true);
                case "login_invented_name" -> login("nobody-" + Long.toString(acts, 36) + "-" + System.nanoTime());
                case "login_own_name" -> login(name);
                case "stream_forged_token" -> handshake("Bearer forged-token-that-was-never-issued", false);
                default -> handshake(authorization, true);
            };
            tally.add(act + ":" + outcome);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            tally.add("bench_error:" + e.getClass().getSimpleName());
        }
    }

    /**
     * Sends the bytes on a fresh connection, optionally holds it, then either waits for an answer's
     * status line or resets the connection; returns the status or what happened instead.
     */
    private String raw(byte[] bytes, Duration holdFor, boolean awaitAnswer) throws InterruptedException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(server.getHost(), server.getPort()), TIMEOUT_MS);
            socket.setSoTimeout(TIMEOUT_MS);
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
            if (!holdFor.isZero()) {
                Thread.sleep(holdFor.toMillis());
            }
            if (!awaitAnswer) {
                // Linger 0: close with a reset, as a crashed client or a dropped link would.
                socket.setSoLinger(true, 0);
                return "dropped";
            }
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1)).readLine();
            return statusOf(statusLine);
        } catch (SocketTimeoutException e) {
            return "no_answer";
        } catch (IOException e) {
            return "io:" + e.getClass().getSimpleName();
        }
    }

    private String statusOf(String statusLine) {
        if (statusLine == null) {
            return "closed";
        }
        String[] parts = statusLine.split(" ");
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            return "not_http_answer";
        }
        if (parts[1].startsWith("5")) {
            window.serverError();
        }
        return parts[1];
    }

    private String login(String username) throws InterruptedException {
        String form = "grant_type=password&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode("wrong-" + System.nanoTime(), StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(server.resolve("/api/auth/token"))
                .timeout(Duration.ofMillis(TIMEOUT_MS * 2L))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status >= 500) {
                window.serverError();
            }
            return Integer.toString(status);
        } catch (IOException e) {
            return "io:" + e.getClass().getSimpleName();
        }
    }

    /** Opens the agent stream; a refused handshake gives its status, an opened one is dropped at once. */
    private String handshake(String bearer, boolean expectOpen) throws InterruptedException {
        try {
            WebSocket socket = http.newWebSocketBuilder().header("Authorization", bearer)
                    .connectTimeout(Duration.ofMillis(TIMEOUT_MS)).buildAsync(stream, new WebSocket.Listener() { })
                    .get(TIMEOUT_MS * 2L, TimeUnit.MILLISECONDS);
            // No close frame: the server learns of the end only from the connection.
            socket.abort();
            return expectOpen ? "opened_dropped" : "opened_with_forged_token";
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                int status = refused.getResponse().statusCode();
                if (status >= 500) {
                    window.serverError();
                }
                return Integer.toString(status);
            }
            return "io:" + e.getCause().getClass().getSimpleName();
        } catch (TimeoutException e) {
            return "no_answer";
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
