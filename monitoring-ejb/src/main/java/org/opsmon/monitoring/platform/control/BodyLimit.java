package org.opsmon.monitoring.platform.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.opsmon.monitoring.platform.entity.RequestProblem;

/** Reads a request body up to a bound: one byte more than allowed is a 413, never an OutOfMemoryError. */
public final class BodyLimit {

    public static final int MAX_BYTES = 1024 * 1024;
    /** An oversized body up to this size is read and dropped so the client can read the 413. */
    static final long DRAIN_BYTES = 16L * 1024 * 1024;

    private BodyLimit() {
    }

    public static byte[] read(InputStream in, long declaredLength) {
        if (declaredLength > MAX_BYTES) {
            if (declaredLength <= DRAIN_BYTES) {
                drain(in);
            }
            throw tooLarge();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(declaredLength > 0 ? (int) declaredLength : 8192);
        byte[] buffer = new byte[16384];
        try {
            int read;
            while ((read = in.read(buffer)) != -1) {
                if (out.size() + read > MAX_BYTES) {
                    drain(in);
                    throw tooLarge();
                }
                out.write(buffer, 0, read);
            }
        } catch (IOException e) {
            throw RequestProblem.badRequest("incomplete_body", "The request body could not be read: " + e.getMessage());
        }
        return out.toByteArray();
    }

    /**
     * Reads and drops the body of a request refused before its body was needed (e.g. a 401), up
     * to the drain bound: the client then reads the answer instead of a reset, and the container
     * sees a complete exchange.
     */
    public static void discard(InputStream in, long declaredLength) {
        if (declaredLength != 0 && declaredLength <= DRAIN_BYTES) {
            drain(in);
        }
    }

    /** Clients that send the whole body before reading the answer would otherwise see a reset. */
    private static void drain(InputStream in) {
        byte[] buffer = new byte[65536];
        long left = DRAIN_BYTES;
        try {
            int read;
            while (left > 0 && (read = in.read(buffer)) != -1) {
                left -= read;
            }
        } catch (IOException ignored) {
            // The client went away; the 413 is all that is left to send.
        }
    }

    private static RequestProblem tooLarge() {
        return RequestProblem.tooLarge("The body is larger than " + MAX_BYTES
                + " bytes; send less per request");
    }
}
