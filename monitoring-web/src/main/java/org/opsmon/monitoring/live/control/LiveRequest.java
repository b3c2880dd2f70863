package org.opsmon.monitoring.live.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.util.LinkedHashSet;
import java.util.Set;
import org.opsmon.monitoring.platform.entity.ColumnSizes;
import org.opsmon.monitoring.platform.entity.Jsons;
import org.opsmon.monitoring.platform.entity.TextRule;

/**
 * What a live client may ask, read from one text frame: {@code {"type":"ping"}},
 * {@code {"type":"get_status"}}, {@code {"type":"subscribe","sources":[…]}} (no list: every
 * source) and {@code {"type":"unsubscribe"}}. Members other than these are ignored, so newer
 * clients work with older servers; anything else is refused with {@link Invalid}, whose message
 * says what was wrong, and the client's session goes on.
 */
public sealed interface LiveRequest {

    record Ping() implements LiveRequest {
    }

    record GetStatus() implements LiveRequest {
    }

    /** @param sources the sources to receive, or null for every source */
    record Subscribe(Set<String> sources) implements LiveRequest {
        public Subscribe {
            sources = sources == null ? null : Set.copyOf(sources);
        }
    }

    record Unsubscribe() implements LiveRequest {
    }

    /** A frame that is no request; its message is for the client. */
    final class Invalid extends RuntimeException {
        public Invalid(String message) {
            super(message, null, false, false);
        }
    }

    /** The longest piece of a refused frame quoted back in an error. */
    int QUOTE_LENGTH = 40;

    /** Reads one frame; at most {@code maxSources} sources may be named in one subscription. */
    static LiveRequest parse(String text, int maxSources) {
        JsonValue json = read(text);
        if (!(json instanceof JsonObject request)) {
            throw new Invalid("A request is a JSON object such as {\"type\":\"ping\"}, got a " + kind(json));
        }
        JsonValue type = request.get("type");
        if (!(type instanceof JsonString name)) {
            throw new Invalid(type == null || type == JsonValue.NULL
                    ? "A request needs a \"type\": ping, get_status, subscribe or unsubscribe"
                    : "\"type\" must be a string, got a " + kind(type));
        }
        return switch (name.getString()) {
            case "ping" -> new Ping();
            case "get_status" -> new GetStatus();
            case "subscribe" -> new Subscribe(sources(request.get("sources"), maxSources));
            case "unsubscribe" -> new Unsubscribe();
            default -> throw new Invalid("Unknown type \"" + quote(name.getString())
                    + "\"; the server understands ping, get_status, subscribe and unsubscribe");
        };
    }

    /** One JSON value and nothing after it; whatever the parser objects to (syntax, depth) is no JSON. */
    private static JsonValue read(String text) {
        boolean trailing;
        JsonValue json;
        try (JsonParser parser = Jsons.parser(new StringReader(text))) {
            parser.next();
            json = parser.getValue();
            trailing = parser.hasNext();
        } catch (RuntimeException notJson) {
            trailing = true;
            json = null;
        }
        if (trailing) {
            throw new Invalid("The frame is not JSON; send an object such as {\"type\":\"ping\"}");
        }
        return json;
    }

    private static Set<String> sources(JsonValue value, int maxSources) {
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (!(value instanceof JsonArray list)) {
            throw new Invalid("\"sources\" must be a list of source names, got a " + kind(value));
        }
        if (list.size() > maxSources) {
            throw new Invalid("\"sources\" names " + list.size() + " sources, more than the " + maxSources
                    + " one subscription may name (monitoring.live.max.sources)");
        }
        Set<String> sources = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof JsonString source)) {
                throw new Invalid("\"sources[" + i + "]\" must be a source name, got a " + kind(list.get(i)));
            }
            String problem = source.getString().isEmpty() ? "is empty"
                    : TextRule.problem(source.getString(), ColumnSizes.CLIENT_NAME);
            if (problem != null) {
                throw new Invalid("\"sources[" + i + "]\" " + problem);
            }
            sources.add(source.getString());
        }
        return sources;
    }

    private static String kind(JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> "object";
            case ARRAY -> "list";
            case STRING -> "string";
            case NUMBER -> "number";
            case TRUE, FALSE -> "boolean";
            case NULL -> "null";
        };
    }

    private static String quote(String text) {
        String shown = text.length() > QUOTE_LENGTH ? text.substring(0, QUOTE_LENGTH) + "…" : text;
        return TextRule.violation(shown) == null ? shown : "(a name with control characters)";
    }
}
