package org.opsmon.monitoring.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A hostile agent that sends, one per tick and in turn, every body of
 * {@link HostilePayloads#badBodies}: each should be refused with a 4xx. Answers are counted per
 * body and status; a 5xx also counts as the minute's server error, which fails the soak.
 */
final class BadBodySender implements Runnable {

    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);
    private static final String FORGED = "Bearer forged-token-that-was-never-issued";

    private final URI ownMetrics;
    private final URI otherMetrics;
    private final String authorization;
    private final HttpClient http;
    private final TrafficWindow window;
    private final Tally tally;
    private final List<HostilePayloads.BadBody> bodies;
    private int next;

    BadBodySender(URI ownMetrics, URI otherMetrics, String authorization, HttpClient http, TrafficWindow window,
                  Tally tally) {
        this.ownMetrics = ownMetrics;
        this.otherMetrics = otherMetrics;
        this.authorization = authorization;
        this.http = http;
        this.window = window;
        this.tally = tally;
        this.bodies = HostilePayloads.badBodies(Instant.now().getEpochSecond());
    }

    @Override
    public void run() {
        HostilePayloads.BadBody bad = bodies.get(next++ % bodies.size());
        HttpRequest request = HttpRequest.newBuilder(bad.credential() == HostilePayloads.Credential.OTHER_CLIENT
                        ? otherMetrics : ownMetrics)
                .timeout(ANSWER_TIMEOUT)
                .header("Authorization", bad.credential() == HostilePayloads.Credential.FORGED ? FORGED : authorization)
                .header("Content-Type", bad.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(bad.body())).build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            tally.add(bad.name() + ":" + status);
            if (status >= 500) {
                window.serverError();
            }
        } catch (IOException e) {
            // A server may answer an oversized body early and close before reading it all.
            tally.add(bad.name() + ":io:" + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            tally.add("bench_error:" + e.getClass().getSimpleName());
        }
    }
}
