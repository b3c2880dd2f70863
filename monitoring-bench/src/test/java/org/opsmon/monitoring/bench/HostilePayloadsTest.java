package org.opsmon.monitoring.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Each hostile body is what its name claims, so a 4xx for it means the server caught that case. */
class HostilePayloadsTest {

    private static final long NOW = 1_795_313_237L;
    private static final Map<String, HostilePayloads.BadBody> BODIES = HostilePayloads.badBodies(NOW).stream()
            .collect(Collectors.toMap(HostilePayloads.BadBody::name, Function.identity()));

    private static JsonStructure parse(byte[] body) {
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body))) {
            return reader.read();
        }
    }

    private static byte[] body(String name) {
        return BODIES.get(name).body();
    }

    @Test
    void floodNamesNeverRepeatAcrossSnapshots() {
        Set<String> names = new HashSet<>();
        for (int snapshot = 0; snapshot < 3; snapshot++) {
            JsonObject json = (JsonObject) parse(HostilePayloads.seriesFlood("flood-if", NOW + snapshot, snapshot * 50L, 50)
                    .getBytes(StandardCharsets.UTF_8));
            assertEquals(NOW + snapshot, json.getJsonNumber("seq").longValue());
            for (JsonValue nic : json.getJsonArray("network")) {
                assertTrue(names.add(nic.asJsonObject().getString("interface")));
            }
        }
        assertEquals(150, names.size());
    }

    @Test
    void brokenJsonDoesNotParse() {
        for (String name : new String[] {"not_json", "truncated", "nul_raw"}) {
            assertThrows(RuntimeException.class, () -> parse(body(name)), name);
        }
        assertEquals(0, body("empty").length);
    }

    @Test
    void nulCharactersAreRawInOneAndEscapedInTheOther() {
        byte[] raw = body("nul_raw");
        assertTrue(indexOf(raw, (byte) 0) > 0);
        JsonObject escaped = (JsonObject) parse(body("nul_escaped"));
        assertEquals("web\u000001", escaped.getJsonObject("system").getString("hostname"));
        assertTrue(escaped.getJsonArray("commands").getJsonObject(0).getString("command").contains("\u0000"));
    }

    @Test
    void badEncodingsAreReallyBad() {
        assertThrows(CharacterCodingException.class,
                () -> StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body("invalid_utf8"))));
        String hostname = ((JsonObject) parse(body("lone_surrogate"))).getJsonObject("system").getString("hostname");
        assertTrue(Character.isHighSurrogate(hostname.charAt(3)) && !Character.isLowSurrogate(hostname.charAt(4)));
    }

    @Test
    void limitsAreExceededJustBeyondTheirValue() {
        assertTrue(body("oversized").length > HostilePayloads.BODY_LIMIT);
        assertTrue(parse(body("oversized")) instanceof JsonObject, "valid JSON, refused only for its size");
        JsonArray many = (JsonArray) parse(body("too_many_snapshots"));
        assertEquals(HostilePayloads.SNAPSHOT_LIMIT + 1, many.size());
        assertTrue(body("too_deep").length >= 200_000);
        assertTrue(body("huge_names").length < HostilePayloads.BODY_LIMIT, "only the names are too long, not the body");
    }

    @Test
    void validBodiesGoWithTheWrongCredentialOrMediaType() {
        assertEquals("text/plain", BODIES.get("wrong_media_type").contentType());
        assertEquals(HostilePayloads.Credential.FORGED, BODIES.get("forged_token").credential());
        assertEquals(HostilePayloads.Credential.OTHER_CLIENT, BODIES.get("other_client").credential());
        assertTrue(parse(body("other_client")) instanceof JsonObject);
        long future = ((JsonObject) parse(body("far_future"))).getJsonNumber("timestamp").longValue();
        assertTrue(future > NOW + 300 * 86_400L);
        assertEquals(18, BODIES.size(), "names are unique");
    }

    private static int indexOf(byte[] bytes, byte value) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
