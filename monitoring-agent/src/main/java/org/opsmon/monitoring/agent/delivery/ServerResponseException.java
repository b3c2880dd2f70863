package org.opsmon.monitoring.agent.delivery;

import java.io.IOException;
import java.net.http.HttpResponse;

/** A non-success HTTP answer; the status decides whether to renew, retry, wait or give up. */
public final class ServerResponseException extends IOException {

    private final int status;
    private final long retryAfterMillis;

    public ServerResponseException(String what, int status, long retryAfterMillis) {
        super(what + ": server answered HTTP " + status);
        this.status = status;
        this.retryAfterMillis = retryAfterMillis;
    }

    static ServerResponseException of(String what, HttpResponse<?> response) {
        return new ServerResponseException(what, response.statusCode(), retryAfterMillis(response));
    }

    /** Retry-After in seconds (the form servers send for throttling); -1 when absent or a date. */
    static long retryAfterMillis(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(v -> {
            try {
                return Math.max(0, Long.parseLong(v.trim())) * 1000;
            } catch (NumberFormatException e) {
                return -1L;
            }
        }).orElse(-1L);
    }

    public int status() {
        return status;
    }

    public long retryAfterMillis() {
        return retryAfterMillis;
    }
}
