package org.opsmon.monitoring.ingest.control;

import jakarta.json.stream.JsonParser;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import org.opsmon.monitoring.platform.entity.RequestProblem;
import org.opsmon.monitoring.platform.entity.Jsons;

/**
 * Strict JSON reading for snapshots: only valid UTF-8, NaN, Infinity and trailing garbage are not
 * JSON, and the provider's nesting limit answers a 400 like any other malformed body.
 */
final class JsonInput {

    private JsonInput() {
    }

    static JsonValue parse(byte[] body) {
        if (body.length == 0) {
            throw RequestProblem.badRequest("invalid_json", "The body is empty; a snapshot or an array of snapshots is expected");
        }
        try (JsonParser parser = Jsons.parser(new StringReader(Jsons.utf8(body)))) {
            parser.next();
            JsonValue value = parser.getValue();
            if (parser.hasNext()) {
                throw RequestProblem.badRequest("invalid_json", "The body is not valid JSON: content after the value");
            }
            return value;
        } catch (JsonParsingException e) {
            var location = e.getLocation();
            throw RequestProblem.badRequest("invalid_json", "The body is not valid JSON"
                    + (location == null ? "" : " (line " + location.getLineNumber() + ", column "
                    + location.getColumnNumber() + ")") + ": " + e.getMessage());
        } catch (RequestProblem e) {
            throw e;
        } catch (RuntimeException e) {
            // Parsers signal nesting and number-size limits with plain runtime exceptions.
            throw RequestProblem.badRequest("invalid_json", "The body is not valid JSON: " + e.getMessage());
        }
    }
}
