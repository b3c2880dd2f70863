package org.opsmon.monitoring.platform.boundary;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import org.opsmon.monitoring.platform.entity.RequestProblem;
import org.opsmon.monitoring.platform.entity.Jsons;

/** Small request bodies read with precise messages instead of a generic binding failure. */
public final class JsonBodies {

    private JsonBodies() {
    }

    /** A JSON object body as read from the request: strict UTF-8, any malformation a 400. */
    public static JsonObject object(byte[] body) {
        return object(Jsons.utf8(body));
    }

    public static JsonObject object(String body) {
        if (body == null || body.isBlank()) {
            throw RequestProblem.badRequest("invalid_json", "A JSON object body is required");
        }
        try (JsonReader reader = Jsons.reader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw RequestProblem.badRequest("invalid_json", "The body must be a JSON object");
            }
            return value.asJsonObject();
        } catch (JsonException e) {
            throw RequestProblem.badRequest("invalid_json", "The body is not valid JSON: " + e.getMessage());
        } catch (RequestProblem e) {
            throw e;
        } catch (RuntimeException e) {
            // The provider signals its nesting limit with a plain runtime exception.
            throw RequestProblem.badRequest("invalid_json", "The body is not valid JSON: " + e.getMessage());
        }
    }

    /** A string member, or null when absent or null; a member of another type is an error. */
    public static String string(JsonObject object, String name) {
        JsonValue value = object.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonString text) {
            return text.getString();
        }
        throw RequestProblem.badRequest("invalid_request", name + " must be a string");
    }

    /** A boolean member; false when absent or null, an error for any other type. */
    public static boolean bool(JsonObject object, String name) {
        JsonValue value = object.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL || value == JsonValue.FALSE) {
            return false;
        }
        if (value == JsonValue.TRUE) {
            return true;
        }
        throw RequestProblem.badRequest("invalid_request", name + " must be true or false");
    }
}
