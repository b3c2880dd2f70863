package org.opsmon.monitoring.agent.delivery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.logging.Logger;
import org.opsmon.monitoring.agent.spool.Spool;
import org.opsmon.monitoring.agent.spool.SpoolRecord;

/**
 * The fallback path: oldest spooled snapshots as one JSON array per POST, never more than the
 * server's 1 MiB body limit. A 2xx stores the whole batch, so everything in it is acknowledged.
 * A 400 says some snapshot is bad but not which, so the batch is retried one by one and only the
 * rejected ones are set aside; 413 halves the batch for the rest of the session (the server's limit
 * does not change while we run).
 *
 * <p>A poison snapshot, one the server fails on every time (a server bug its content triggers), must
 * not stop delivery: when the same oldest snapshot heads {@value #POISON_AFTER} batches that the
 * server answered with a status that points at the data ({@link #pointsAtData}), the batch is
 * bisected, depth first and with a bounded number of requests, down to the snapshots that fail
 * alone. They are dead-lettered only if the server stored some other part meanwhile: a server that
 * fails on everything is having an outage, and then every snapshot stays spooled and is retried.
 */
public final class HttpBatchSender {

    private static final Logger LOG = Logger.getLogger(HttpBatchSender.class.getName());
    static final int MAX_RECORDS = 500;
    /** The server's request body limit. */
    static final long MAX_BODY = 1L << 20;
    /** Payload bytes per batch: the body adds the brackets and a comma between snapshots. */
    static final long MAX_PAYLOAD = MAX_BODY - MAX_RECORDS - 1;
    /** Batches with the same head the server failed on before it is isolated. */
    static final int POISON_AFTER = 3;

    private final HttpClient http;
    private final URI server;
    private final Spool spool;
    private final DeadLetters deadLetters;
    private int limit = MAX_RECORDS;
    private long suspectHead = Long.MIN_VALUE;
    private int headFailures;

    public HttpBatchSender(HttpClient http, URI server, Spool spool, DeadLetters deadLetters) {
        this.http = http;
        this.server = server;
        this.spool = spool;
        this.deadLetters = deadLetters;
    }

    /**
     * Whether a failure may lie in the snapshots rather than in the server's state: any 5xx but the
     * outage answers 502, 503 and 504, and any 4xx the agent does not handle otherwise (401 renews
     * the token, 403 is fatal, 408 and 429 are pacing, 400 and 413 are outright rejections).
     */
    static boolean pointsAtData(int status) {
        return switch (status) {
            case 400, 401, 403, 408, 413, 429, 502, 503, 504 -> false;
            default -> status >= 400 && status <= 599;
        };
    }

    /**
     * Sends the next batch. Returns how many snapshots left the spool (0 = nothing was pending);
     * throws {@link ServerResponseException} for answers the caller must act on (401, 403, 429, 5xx).
     */
    public int sendNext(String token, String clientId) throws IOException, InterruptedException {
        List<SpoolRecord> batch = spool.readAfter(Long.MIN_VALUE, limit, MAX_PAYLOAD);
        if (batch.isEmpty()) {
            return 0;
        }
        HttpResponse<String> res = post(batch, token, clientId);
        int status = res.statusCode();
        if (status / 100 == 2) {
            spool.acknowledge(ids(batch));
            return batch.size();
        }
        if (status == 413 && batch.size() > 1) {
            limit = Math.max(1, batch.size() / 2);
            LOG.info(() -> "server refused a batch of " + batch.size() + " as too large; batches now hold " + limit);
            return sendNext(token, clientId);
        }
        if (status == 400 || status == 413) {
            return batch.size() == 1 ? reject(batch.get(0), res) : sendSingly(batch, token, clientId);
        }
        if (pointsAtData(status)) {
            long head = batch.get(0).id();
            headFailures = head == suspectHead ? headFailures + 1 : 1;
            suspectHead = head;
            if (headFailures >= POISON_AFTER) {
                headFailures = 0;
                return isolate(batch, res, token, clientId);
            }
        }
        throw ServerResponseException.of("metrics batch", res);
    }

    private int sendSingly(List<SpoolRecord> batch, String token, String clientId) throws IOException, InterruptedException {
        int settled = 0;
        for (SpoolRecord r : batch) {
            HttpResponse<String> res = post(List.of(r), token, clientId);
            int status = res.statusCode();
            if (status / 100 == 2) {
                spool.acknowledge(r.id());
                settled++;
            } else if (status == 400 || status == 413) {
                settled += reject(r, res);
            } else {
                throw ServerResponseException.of("metrics", res);
            }
        }
        return settled;
    }

    private record Suspect(SpoolRecord record, HttpResponse<String> response) {
    }

    /**
     * Finds the snapshots of a batch the server keeps failing on. Parts are sent depth first, the
     * older half before the newer, so the oldest data goes out first; each stored part is
     * acknowledged at once. The request budget (about two per halving) finds one poison snapshot in
     * a full batch and bounds the load a server failing on everything gets.
     */
    private int isolate(List<SpoolRecord> batch, HttpResponse<String> failed, String token, String clientId)
            throws IOException, InterruptedException {
        LOG.warning(() -> "server failed " + POISON_AFTER + " times (HTTP " + failed.statusCode() + ") on the batch from seq "
                + batch.get(0).id() + "; sending it in parts to find the snapshots it cannot take");
        Deque<List<SpoolRecord>> parts = new ArrayDeque<>();
        split(batch, parts);
        int budget = 2 * (32 - Integer.numberOfLeadingZeros(batch.size())) + 4;
        int stored = 0;
        int rejected = 0;
        List<Suspect> suspects = new ArrayList<>();
        HttpResponse<String> last = failed;
        while (!parts.isEmpty() && budget-- > 0) {
            List<SpoolRecord> part = parts.pop();
            HttpResponse<String> res = post(part, token, clientId);
            int status = res.statusCode();
            if (status / 100 == 2) {
                spool.acknowledge(ids(part));
                stored += part.size();
            } else if (part.size() > 1 && (pointsAtData(status) || status == 400 || status == 413)) {
                split(part, parts);
            } else if (status == 400 || status == 413) {
                rejected += reject(part.get(0), res);
            } else if (pointsAtData(status)) {
                suspects.add(new Suspect(part.get(0), res));
                last = res;
            } else {
                throw ServerResponseException.of("metrics", res);
            }
        }
        if (stored == 0) {
            // Nothing got through: the server is failing, not these snapshots. Keep them and back off.
            throw ServerResponseException.of("metrics batch (in parts)", last);
        }
        for (Suspect s : suspects) {
            String body = s.response().body();
            deadLetters.deadLetter(spool, s.record(), s.response().statusCode(), DeadLetters.errorCode(body),
                    DeadLetters.errorMessage(body));
        }
        return stored + rejected + suspects.size();
    }

    /** Pushes the halves so that the older one is sent first. */
    private static void split(List<SpoolRecord> part, Deque<List<SpoolRecord>> parts) {
        if (part.size() == 1) {
            parts.push(part);
            return;
        }
        int half = part.size() / 2;
        parts.push(part.subList(half, part.size()));
        parts.push(part.subList(0, half));
    }

    private int reject(SpoolRecord r, HttpResponse<String> res) throws IOException {
        String body = res.body();
        deadLetters.reject(spool, r, res.statusCode(), DeadLetters.errorCode(body), DeadLetters.errorMessage(body));
        return 1;
    }

    private HttpResponse<String> post(List<SpoolRecord> batch, String token, String clientId)
            throws IOException, InterruptedException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write('[');
        for (int i = 0; i < batch.size(); i++) {
            if (i > 0) {
                body.write(',');
            }
            body.write(batch.get(i).payload());
        }
        body.write(']');
        String id = java.net.URLEncoder.encode(clientId, StandardCharsets.UTF_8).replace("+", "%20");
        HttpRequest req = HttpRequest.newBuilder(URI.create(server + "/api/clients/" + id + "/metrics"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        return http.send(req, HttpResponse.BodyHandlers.ofString());
    }

    private static long[] ids(List<SpoolRecord> batch) {
        long[] ids = new long[batch.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = batch.get(i).id();
        }
        return ids;
    }

    int limit() {
        return limit;
    }
}
