package org.opsmon.monitoring.platform.entity;

/**
 * Something wrong with what a caller sent or asked for. The boundary turns it into
 * {@code {"error": code, "message": message}} with the given 4xx status; nothing else leaks out.
 */
public class RequestProblem extends RuntimeException {

    private final int status;
    private final String code;
    private final Long retryAfterSeconds;

    public RequestProblem(int status, String code, String message) {
        this(status, code, message, null);
    }

    private RequestProblem(int status, String code, String message, Long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static RequestProblem badRequest(String code, String message) {
        return new RequestProblem(400, code, message);
    }

    public static RequestProblem notFound(String message) {
        return new RequestProblem(404, "not_found", message);
    }

    public static RequestProblem forbidden(String message) {
        return new RequestProblem(403, "forbidden", message);
    }

    public static RequestProblem conflict(String code, String message) {
        return new RequestProblem(409, code, message);
    }

    public static RequestProblem tooLarge(String message) {
        return new RequestProblem(413, "payload_too_large", message);
    }

    public static RequestProblem tooManyRequests(String code, String message, long retryAfterSeconds) {
        return new RequestProblem(429, code, message, retryAfterSeconds);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Seconds a client should wait before trying again, for 429 answers; null otherwise. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
