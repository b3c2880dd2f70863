package org.opsmon.monitoring.platform.entity;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * JSON-P through one provider looked up once. The static {@code jakarta.json.Json} methods look
 * the provider up with a ServiceLoader on every call, which profiling showed as a sixth of the
 * server's CPU per ingest request.
 */
public final class Jsons {

    private static final JsonProvider PROVIDER = JsonProvider.provider();

    private Jsons() {
    }

    public static JsonObjectBuilder object() {
        return PROVIDER.createObjectBuilder();
    }

    public static JsonArrayBuilder array() {
        return PROVIDER.createArrayBuilder();
    }

    public static JsonReader reader(Reader in) {
        return PROVIDER.createReader(in);
    }

    public static JsonParser parser(Reader in) {
        return PROVIDER.createParser(in);
    }

    public static JsonNumber value(long number) {
        return PROVIDER.createValue(number);
    }

    public static JsonNumber value(double number) {
        return PROVIDER.createValue(number);
    }

    /**
     * A JSON body as text, strictly UTF-8 (RFC 8259): a lenient decoder would turn every malformed
     * byte, an overlong NUL or a surrogate encoded on its own into U+FFFD, store that, and the
     * sender would never learn of it.
     */
    public static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw RequestProblem.badRequest("invalid_json", "The body is not valid UTF-8");
        }
    }
}
