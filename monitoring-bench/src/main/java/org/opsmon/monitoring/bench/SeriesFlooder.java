package org.opsmon.monitoring.bench;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * A hostile agent that invents new interface names in every snapshot, so each one asks the
 * server for a few hundred series it has never seen: the series-cardinality attack a per-client
 * series limit exists for. What the server answers is counted as it comes, without expecting a
 * particular shape: statuses, error codes, and the sum of every number in the stored answers
 * (such as {@code series_dropped}), so the report shows whatever the server said.
 */
final class SeriesFlooder implements Runnable {

    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);
    private static final int LAST_ANSWER_CHARS = 300;

    private final String name;
    private final URI metrics;
    private final String authorization;
    private final int interfacesPerSnapshot;
    private final HttpClient http;
    private final TrafficWindow window;
    private final Tally tally;
    private long nextIndex;
    private long lastSecond;
    private volatile String lastAnswer = "";

    SeriesFlooder(String name, URI metrics, String authorization, int interfacesPerSnapshot, HttpClient http,
                  TrafficWindow window, Tally tally) {
        this.name = name;
        this.metrics = metrics;
        this.authorization = authorization;
        this.interfacesPerSnapshot = interfacesPerSnapshot;
        this.http = http;
        this.window = window;
        this.tally = tally;
    }

    String lastAnswer() {
        return lastAnswer;
    }

    @Override
    public void run() {
        // seq is the timestamp: never reuse a second, or the server would take the snapshot for a re-send.
        long second = Math.max(Instant.now().getEpochSecond(), lastSecond + 1);
        lastSecond = second;
        String body = HostilePayloads.seriesFlood(name + "-if", second, nextIndex, interfacesPerSnapshot);
        nextIndex += interfacesPerSnapshot;
        tally.add("interfaces_invented", interfacesPerSnapshot);
        HttpRequest request = HttpRequest.newBuilder(metrics).timeout(ANSWER_TIMEOUT)
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            record(answer.statusCode(), answer.body());
        } catch (IOException e) {
            tally.add("io:" + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            tally.add("bench_error:" + e.getClass().getSimpleName());
        }
    }

    private void record(int status, String body) {
        lastAnswer = body.length() > LAST_ANSWER_CHARS ? body.substring(0, LAST_ANSWER_CHARS) + "..." : body;
        if (status >= 500) {
            window.serverError();
        }
        JsonObject answer;
        try {
            answer = BenchApi.json(body);
        } catch (RuntimeException notJson) {
            tally.add("http_" + status + ":not_json");
            return;
        }
        if (status != 200) {
            tally.add("http_" + status + ":" + answer.getString("error", "?"));
            return;
        }
        tally.add("http_200");
        answer.forEach((key, value) -> {
            if (value instanceof JsonNumber number && !"client_id".equals(key)) {
                tally.add("sum:" + key, number.longValue());
            }
        });
    }
}
