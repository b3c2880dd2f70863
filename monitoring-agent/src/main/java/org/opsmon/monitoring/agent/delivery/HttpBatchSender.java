package org.opsmon.monitoring.agent.delivery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.opsmon.monitoring.agent.spool.Spool;
import org.opsmon.monitoring.agent.spool.SpoolRecord;

/**
 * The fallback path: oldest spooled snapshots as one JSON array per POST. A 2xx stores the whole
 * batch, so everything in it is acknowledged. A 400 says some snapshot is bad but not which, so
 * the batch is retried one by one and only the rejected ones are dropped; 413 halves the batch
 * for the rest of the session (the server's limit does not change while we run).
 */
public final class HttpBatchSender {

    private static final Logger LOG = Logger.getLogger(HttpBatchSender.class.getName());
    static final int MAX_RECORDS = 500;
    static final long MAX_BODY = 1L << 20;

    private final HttpClient http;
    private final URI server;
    private final Spool spool;
    private final AtomicLong rejected;
    private int limit = MAX_RECORDS;

    public HttpBatchSender(HttpClient http, URI server, Spool spool, AtomicLong rejected) {
        this.http = http;
        this.server = server;
        this.spool = spool;
        this.rejected = rejected;
    }

    /**
     * Sends the next batch. Returns how many snapshots left the spool (0 = nothing was pending);
     * throws {@link ServerResponseException} for answers the caller must act on (401, 403, 429, 5xx).
     */
    public int sendNext(String token, String clientId) throws IOException, InterruptedException {
        List<SpoolRecord> batch = spool.readAfter(Long.MIN_VALUE, limit, MAX_BODY);
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
            return batch.size() == 1 ? drop(batch.get(0), res) : sendSingly(batch, token, clientId);
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
                settled += drop(r, res);
            } else {
                throw ServerResponseException.of("metrics", res);
            }
        }
        return settled;
    }

    private int drop(SpoolRecord r, HttpResponse<String> res) throws IOException {
        spool.acknowledge(r.id());
        rejected.incrementAndGet();
        String reason = res.body() == null ? "" : res.body().replaceAll("\\s+", " ");
        String shortReason = reason.length() > 300 ? reason.substring(0, 300) : reason;
        LOG.warning(() -> "server rejected snapshot seq " + r.id() + " (HTTP " + res.statusCode() + "), dropped: " + shortReason);
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
