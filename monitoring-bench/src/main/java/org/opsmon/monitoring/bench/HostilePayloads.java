package org.opsmon.monitoring.bench;

import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * What the hostile agents of a soak send: snapshots that invent new series every time, and
 * bodies a server must refuse with a 4xx rather than fail on. Each bad body targets one way a
 * parser or a database can break: broken or truncated JSON, NUL characters raw and escaped
 * (PostgreSQL refuses NUL in text), bytes that are not UTF-8, lone surrogates, a body over the
 * size limit, too many snapshots, deep nesting, numbers no double holds, wrong types, the two
 * snapshot forms mixed, far-future times, huge names, a wrong media type, a forged token and
 * another client's id. Pure functions of their arguments, so tests can check each one is what it
 * claims to be.
 */
final class HostilePayloads {

    /** The server's body limit; the oversized body exceeds it by a margin. */
    static final int BODY_LIMIT = 1024 * 1024;
    static final int SNAPSHOT_LIMIT = 1000;

    private static final JsonGeneratorFactory JSON = Json.createGeneratorFactory(Map.of());
    private static final String FLAT = "{\"cpu_load\":12.5,\"mem\":2048,\"storage\":4096}";

    private HostilePayloads() {
    }

    /** Whose token a bad body is sent with, and to which client. */
    enum Credential { OWN, FORGED, OTHER_CLIENT }

    /** One hostile request: a name for the report, its media type, its bytes and its credential. */
    record BadBody(String name, String contentType, byte[] body, Credential credential) {
    }

    /**
     * A snapshot whose {@code network} lists {@code count} interfaces never named before: names are
     * {@code prefix} plus a running number starting at {@code firstIndex}, so consecutive calls with
     * advancing indexes never repeat a name and every interface becomes eight new series.
     */
    static String seriesFlood(String prefix, long second, long firstIndex, int count) {
        StringWriter out = new StringWriter(200 * count + 100);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject().write("timestamp", second).write("seq", second);
            json.writeStartObject("processor").write("usage_percent", 10.0).writeEnd();
            json.writeStartArray("network");
            for (long i = firstIndex; i < firstIndex + count; i++) {
                json.writeStartObject().write("interface", prefix + i)
                        .write("bytes_sent", i).write("bytes_recv", i).write("packets_sent", 1).write("packets_recv", 1)
                        .write("errors_in", 0).write("errors_out", 0).write("drops_in", 0).write("drops_out", 0)
                        .writeEnd();
            }
            json.writeEnd().writeEnd();
        }
        return out.toString();
    }

    /** Every bad body, in the order the sender cycles through them; {@code now} in epoch seconds. */
    static List<BadBody> badBodies(long now) {
        String valid = "{\"timestamp\":" + now + ",\"processor\":{\"usage_percent\":20.0,\"per_core_usage\":[10,30]},"
                + "\"memory\":{\"total\":8589934592,\"used\":4294967296,\"percentage\":50}}";
        return List.of(
                own("not_json", "this is not JSON {\"cpu_load\":"),
                own("truncated", valid.substring(0, valid.length() / 2)),
                own("nul_raw", bytes("{\"system\":{\"hostname\":\"web"), new byte[] {0}, bytes("01\"}}")),
                own("nul_escaped", "{\"system\":{\"hostname\":\"web\\u000001\",\"os_name\":\"Deb\\u0000ian\"},"
                        + "\"network\":[{\"interface\":\"eth\\u00000\",\"bytes_sent\":1,\"bytes_recv\":1}],"
                        + "\"commands\":[{\"user\":\"ro\\u0000ot\",\"command\":\"ls\\u0000 -l\",\"started_at\":"
                        + now + "}]}"),
                own("invalid_utf8", bytes("{\"system\":{\"hostname\":\"web"), new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF},
                        bytes("\"}}")),
                own("lone_surrogate", "{\"system\":{\"hostname\":\"web\\ud800x\"},\"disk\":[{\"path\":\"/\\udfff\","
                        + "\"total\":100,\"used\":1,\"free\":99,\"percentage\":1}]}"),
                own("oversized", oversized()),
                own("too_many_snapshots", "[" + String.join(",", Collections.nCopies(SNAPSHOT_LIMIT + 1, FLAT)) + "]"),
                own("too_deep", "[".repeat(100_000) + "]".repeat(100_000)),
                own("huge_numbers", "{\"cpu_load\":1e999999,\"mem\":" + "9".repeat(10_000) + ",\"storage\":-1e308}"),
                own("wrong_types", "{\"processor\":\"fast\",\"memory\":[1,2],\"disk\":{\"path\":7},\"network\":\"eth0\"}"),
                own("mixed_forms", "{\"cpu_load\":5,\"mem\":1,\"storage\":1,\"processor\":{\"usage_percent\":5}}"),
                own("far_future", "{\"timestamp\":" + (now + 400L * 86_400) + ",\"cpu_load\":1,\"mem\":1,\"storage\":1}"),
                own("huge_names", "{\"network\":[{\"interface\":\"" + "e".repeat(200_000) + "\",\"bytes_sent\":1}],"
                        + "\"disk\":[{\"path\":\"/" + "d".repeat(200_000) + "\",\"total\":100,\"used\":1,\"free\":99,"
                        + "\"percentage\":1}]}"),
                own("empty", ""),
                new BadBody("wrong_media_type", "text/plain", bytes(FLAT), Credential.OWN),
                new BadBody("forged_token", "application/json", bytes(FLAT), Credential.FORGED),
                new BadBody("other_client", "application/json", bytes(FLAT), Credential.OTHER_CLIENT));
    }

    /** Valid JSON, one snapshot, larger than the body limit by 64 KiB of padding in an ignored member. */
    private static String oversized() {
        return "{\"cpu_load\":1,\"mem\":1,\"storage\":1,\"padding\":\"" + "x".repeat(BODY_LIMIT + 64 * 1024) + "\"}";
    }

    private static BadBody own(String name, String body) {
        return new BadBody(name, "application/json", bytes(body), Credential.OWN);
    }

    private static BadBody own(String name, byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return new BadBody(name, "application/json", out.toByteArray(), Credential.OWN);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
