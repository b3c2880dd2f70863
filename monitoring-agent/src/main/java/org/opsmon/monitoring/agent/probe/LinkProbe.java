package org.opsmon.monitoring.agent.probe;

import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.opsmon.monitoring.agent.collect.Collector;
import org.opsmon.monitoring.agent.collect.Fields;
import org.opsmon.monitoring.agent.delivery.TokenClient;

/**
 * Measures throughput of the link to the server by moving a bounded number of bytes each way.
 * It runs rarely because it costs bandwidth; the server throttles it (429), which means "not
 * now" and is not a failure. RTT is the time until the download's response headers arrive.
 * Upload bytes are pseudo-random so compression on the path cannot flatter the figure, and are
 * generated while streaming, so the probe never holds N bytes in the heap.
 */
public final class LinkProbe implements Collector {

    private static final byte[] PATTERN = new byte[64 * 1024];

    static {
        new Random(42).nextBytes(PATTERN);
    }

    private final HttpClient http;
    private final URI server;
    private final TokenClient tokens;
    private final long bytes;

    public LinkProbe(HttpClient http, URI server, TokenClient tokens, long bytes) {
        this.http = http;
        this.server = server;
        this.tokens = tokens;
        this.bytes = bytes;
    }

    @Override
    public String name() {
        return "probe";
    }

    @Override
    public Map<String, JsonValue> collect() throws Exception {
        String token = tokens.peek();
        if (token == null) {
            // Not logged in yet: delivery owns the login (and its throttling); try next round.
            return Map.of();
        }
        long t0 = System.nanoTime();
        HttpResponse<InputStream> down = http.send(HttpRequest.newBuilder(URI.create(server + "/api/probe/download?bytes=" + bytes))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        long tHeaders = System.nanoTime();
        long received;
        try (InputStream in = down.body()) {
            if (down.statusCode() == 429) {
                return Map.of();
            }
            check(down.statusCode(), token, "download");
            received = drain(in, bytes);
        }
        long tDown = System.nanoTime();

        long t1 = System.nanoTime();
        HttpResponse<Void> up = http.send(HttpRequest.newBuilder(URI.create(server + "/api/probe/upload"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> new PatternStream(bytes)), bytes))
                .build(), HttpResponse.BodyHandlers.discarding());
        long tUp = System.nanoTime();
        JsonObjectBuilder link = Fields.object();
        Fields.number(link, "download_bps", bitsPerSecond(received, tDown - t0));
        if (up.statusCode() != 429) {
            check(up.statusCode(), token, "upload");
            Fields.number(link, "upload_bps", bitsPerSecond(bytes, tUp - t1));
        }
        Fields.number(link, "rtt_ms", (tHeaders - t0) / 1e6);
        return Map.of("link", link.build());
    }

    private void check(int status, String token, String what) throws IOException {
        if (status == 401) {
            tokens.invalidate(token);
        }
        if (status / 100 != 2) {
            throw new IOException("probe " + what + ": server answered HTTP " + status);
        }
    }

    private static long drain(InputStream in, long max) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        int n;
        while (total < max && (n = in.read(buf, 0, (int) Math.min(buf.length, max - total))) > 0) {
            total += n;
        }
        return total;
    }

    static double bitsPerSecond(long bytes, long nanos) {
        return nanos > 0 ? bytes * 8.0 * 1e9 / nanos : Double.NaN;
    }

    /** Endless PATTERN repeated up to a fixed length. */
    private static final class PatternStream extends InputStream {
        private long left;
        private int pos;

        PatternStream(long length) {
            this.left = length;
        }

        @Override
        public int read() {
            if (left <= 0) {
                return -1;
            }
            left--;
            int b = PATTERN[pos] & 0xff;
            pos = (pos + 1) % PATTERN.length;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(Math.min(len, left), PATTERN.length - pos);
            System.arraycopy(PATTERN, pos, b, off, n);
            pos = (pos + n) % PATTERN.length;
            left -= n;
            return n;
        }
    }
}
